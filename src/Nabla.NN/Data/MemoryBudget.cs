using System.Buffers.Binary;
using System.Globalization;

namespace Nabla.NN.Data;

/// <summary>
/// Checks, before a CSV file is read, that training on it fits a memory budget, so an oversized data set fails at once
/// with a sentence instead of swapping the machine into the ground hours later.
/// </summary>
/// <remarks>
/// The estimate is <see cref="BytesPerCsvByte"/> bytes of memory per byte of CSV text. Measured on .NET 10: a table of
/// short numeric fields holds 9.5 bytes per byte of file (each field a UTF-16 string with a 22-byte header, each row a
/// string array), 10-11 with the encoded float32 features; the training split and the batch buffers copy the encoded
/// tensors once more. For a gzip file the uncompressed size is read from its trailer (exact below 4 GiB).
/// </remarks>
public static class MemoryBudget
{
    /// <summary>Memory needed per byte of CSV text to load, encode and train on it (see remarks).</summary>
    public const int BytesPerCsvByte = 12;

    /// <summary>The default budget: three quarters of the memory the runtime may use (container limits included).</summary>
    public static long Default => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 * 3;

    /// <summary>Memory per encoded feature value: the float32 feature matrix, and its copy in the training split.</summary>
    public const int BytesPerEncodedValue = 8;

    /// <summary>Memory per image byte: the raw bytes, the float32 pixels, and their copy in the training split.</summary>
    public const int BytesPerImageByte = 9;

    /// <summary>Estimated bytes of memory to train on the CSV at <paramref name="path"/> (raw or gzip).</summary>
    public static long EstimateCsvTraining(string path)
    {
        using var fs = Open(path);
        return checked(TextBytes(fs) * BytesPerCsvByte);
    }

    /// <summary>Throws when training on <paramref name="path"/> would need more than <paramref name="budgetBytes"/>.</summary>
    /// <remarks>Only a regular file's size is known before reading; a pipe passes here and is counted while read (<see cref="CsvOptions.MemoryBudget"/>).</remarks>
    /// <exception cref="InsufficientMemoryException">The estimate exceeds the budget; the message gives both and the fixes.</exception>
    public static void CheckCsv(string path, long budgetBytes)
    {
        using var fs = Open(path);
        if (fs.CanSeek) CheckCsv(fs, path, budgetBytes);
    }

    /// <summary>As <see cref="CheckCsv(string, long)"/> on an open seekable stream, which is left at its start.</summary>
    internal static void CheckCsv(Stream seekable, string path, long budgetBytes)
    {
        long text = TextBytes(seekable);
        if (text > budgetBytes / BytesPerCsvByte) throw TextTooLarge(path, text, budgetBytes, whole: true);
    }

    /// <summary>
    /// Throws when <paramref name="rows"/> rows of <paramref name="features"/> encoded values (one-hot blocks counted
    /// in full) would need more than <paramref name="budgetBytes"/>.
    /// </summary>
    /// <exception cref="InsufficientMemoryException">Over budget; the message names the width and the fixes.</exception>
    public static void CheckEncoded(long rows, long features, long budgetBytes, string? source)
    {
        long need = rows > long.MaxValue / BytesPerEncodedValue / Math.Max(1, features) ? long.MaxValue : rows * features * BytesPerEncodedValue;
        if (need <= budgetBytes) return;
        throw new InsufficientMemoryException(
            $"Training on '{source}' encodes {rows:N0} rows into {features:N0} features each (text columns become one feature per category), " +
            $"which needs about {Format(need)} of memory, more than the memory budget of {Format(budgetBytes)}. " +
            "Drop text columns with many distinct values (--features), train on a sample of the rows, or raise the budget (--memory-budget) if the machine has the memory.");
    }

    /// <summary>Throws when <paramref name="pixels"/> image bytes (all splits) would need more than <paramref name="budgetBytes"/>.</summary>
    /// <exception cref="InsufficientMemoryException">Over budget.</exception>
    public static void CheckImages(long pixels, long budgetBytes, string source)
    {
        if (pixels <= budgetBytes / BytesPerImageByte) return;
        long need = pixels > long.MaxValue / BytesPerImageByte ? long.MaxValue : pixels * BytesPerImageByte;
        throw new InsufficientMemoryException(
            $"The images in '{source}' ({Format(pixels)} of pixels) need about {Format(need)} of memory " +
            $"(about {BytesPerImageByte} bytes per pixel once scaled to floats and split), more than the memory budget of {Format(budgetBytes)}. " +
            "Raise the budget (--memory-budget) if the machine has the memory.");
    }

    private static InsufficientMemoryException TextTooLarge(string? path, long text, long budgetBytes, bool whole)
    {
        long need = text > long.MaxValue / BytesPerCsvByte ? long.MaxValue : text * BytesPerCsvByte;
        return new InsufficientMemoryException(
            $"Training on '{path}' ({(whole ? "" : "more than ")}{Format(text)} of CSV text{(whole ? "" : " so far, decompressed")}) needs {(whole ? "about" : "more than")} {Format(need)} of memory " +
            $"(about {BytesPerCsvByte} bytes per byte of text once parsed, encoded and split), more than the memory budget of {Format(budgetBytes)}. " +
            "Train on a sample of the rows or fewer columns, or raise the budget (--memory-budget) if the machine has the memory.");
    }

    /// <summary>
    /// Counts the text bytes read through it (after decompression) and throws once they exceed the budget, so a
    /// pipe, or a gzip file whose trailer understates its size (several members, or over 4 GiB), stops in time.
    /// </summary>
    internal sealed class CountingStream(Stream inner, long budgetBytes, string? source) : ForwardOnlyStream
    {
        private readonly long _limit = budgetBytes / BytesPerCsvByte;
        private long _read;
        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            _read += n;
            if (_read > _limit) throw TextTooLarge(source, _read, budgetBytes, whole: false);
            return n;
        }
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Parses a size: a number of bytes, optionally with KB, MB, GB, TB (powers of 1024; KiB etc. also accepted).</summary>
    /// <exception cref="FormatException">Not a positive size; the message shows examples.</exception>
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToUpperInvariant().Replace("IB", "B", StringComparison.Ordinal);
        (string suffix, long unit)[] units = [("TB", 1L << 40), ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("T", 1L << 40), ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10), ("B", 1)];
        long scale = 1;
        foreach (var (suffix, unit) in units)
            if (t.EndsWith(suffix, StringComparison.Ordinal)) { t = t[..^suffix.Length].Trim(); scale = unit; break; }
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v > 0) || v * scale > long.MaxValue)
            throw new FormatException($"'{text}' is not a memory size; write e.g. 512MB, 2GB or 1.5GiB.");
        return (long)(v * scale);
    }

    /// <summary>"1.5 GB"-style text (powers of 1024).</summary>
    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };

    private static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 16);

    // The text size of a seekable stream: its length, or for gzip the ISIZE trailer (uncompressed length mod 2^32,
    // RFC 1952, of the last member only: the reader counts the real size as it decompresses). Leaves it at its start.
    private static long TextBytes(Stream fs)
    {
        long start = fs.Position, length = fs.Length - start;
        try
        {
            Span<byte> head = stackalloc byte[2];
            if (length < 18 || fs.Read(head) < 2 || head[0] != 0x1F || head[1] != 0x8B) return length;
            Span<byte> tail = stackalloc byte[4];
            fs.Seek(-4, SeekOrigin.End);
            fs.ReadExactly(tail);
            // NOTE: ISIZE wraps at 4 GiB; a compressed file is never smaller than 1/1032 of its text (deflate's limit).
            return Math.Max(BinaryPrimitives.ReadUInt32LittleEndian(tail), length);
        }
        finally
        {
            fs.Position = start;
        }
    }
}

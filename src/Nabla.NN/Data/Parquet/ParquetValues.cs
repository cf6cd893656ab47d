using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Nabla.NN.Data;

/// <summary>Parquet column values as the text a CSV file of the same data holds.</summary>
/// <remarks>
/// One string per value: null is "" (missing), numbers in invariant shortest round-trip form (so a float 0.1f is
/// "0.1", as written in a CSV file), booleans "true"/"false", dates and times ISO 8601, binary as base64.
/// Each type is read through its own typed call (no reflection, so trimming and NativeAOT keep working).
/// </remarks>
internal static class ParquetValues
{
    public static string[] ReadAsText(ParquetRowGroupReader group, DataField field, int rows, string file)
    {
        var t = field.ClrType;
        // Parquet.Net 6 types text columns as ReadOnlyMemory<char> and binary ones as ReadOnlyMemory<byte>.
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>))
        {
            var s = new string?[rows];
            group.ReadAsync(field, s.AsMemory()).GetAwaiter().GetResult();
            return s.Select(v => v ?? "").ToArray();
        }
        if (t == typeof(byte[]) || t == typeof(ReadOnlyMemory<byte>))
        {
            var b = new byte[]?[rows];
            group.ReadAsync(field, b.AsMemory()).GetAwaiter().GetResult();
            return b.Select(v => v is null ? "" : Convert.ToBase64String(v)).ToArray();
        }
        if (t == typeof(double)) return Read<double>(group, field, rows, v => v.ToString("R", CultureInfo.InvariantCulture));
        if (t == typeof(float)) return Read<float>(group, field, rows, v => v.ToString("R", CultureInfo.InvariantCulture));
        if (t == typeof(int)) return Read<int>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(long)) return Read<long>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(short)) return Read<short>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(sbyte)) return Read<sbyte>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(byte)) return Read<byte>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(ushort)) return Read<ushort>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(uint)) return Read<uint>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(ulong)) return Read<ulong>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(decimal)) return Read<decimal>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(bool)) return Read<bool>(group, field, rows, v => v ? "true" : "false");
        if (t == typeof(DateTime)) return Read<DateTime>(group, field, rows, v => v.ToString("O", CultureInfo.InvariantCulture));
        if (t == typeof(DateOnly)) return Read<DateOnly>(group, field, rows, v => v.ToString("O", CultureInfo.InvariantCulture));
        if (t == typeof(TimeSpan)) return Read<TimeSpan>(group, field, rows, v => v.ToString("c", CultureInfo.InvariantCulture));
        if (t == typeof(TimeOnly)) return Read<TimeOnly>(group, field, rows, v => v.ToString("O", CultureInfo.InvariantCulture));
        if (t == typeof(Guid)) return Read<Guid>(group, field, rows, v => v.ToString());
        throw new DataFormatException($"column \"{field.Name}\" holds {t.Name} values, which Nabla does not read; convert it to numbers or text", file);
    }

    private static string[] Read<T>(ParquetRowGroupReader group, DataField field, int rows, Func<T, string> format) where T : struct
    {
        var text = new string[rows];
        if (field.IsNullable)
        {
            var v = new T?[rows];
            group.ReadAsync(field, v.AsMemory()).GetAwaiter().GetResult();
            for (int i = 0; i < rows; i++) text[i] = v[i] is { } x ? format(x) : "";
        }
        else
        {
            var v = new T[rows];
            group.ReadAsync(field, v.AsMemory()).GetAwaiter().GetResult();
            for (int i = 0; i < rows; i++) text[i] = format(v[i]);
        }
        return text;
    }
}

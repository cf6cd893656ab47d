using System.Security.Cryptography;

namespace Nabla.NN.Data;

/// <summary>
/// Passes reads through and hashes the bytes (SHA-256), so a one-shot input (a pipe) is read and fingerprinted in a
/// single pass instead of being opened twice.
/// </summary>
internal sealed class HashingStream(Stream inner) : ForwardOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Reads what is left (a reader may stop before a gzip trailer), then returns the lower-case hex SHA-256 of every byte.</summary>
    public string Finish()
    {
        byte[] rest = new byte[1 << 16];
        while (Read(rest, 0, rest.Length) > 0) { }
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        _hash.AppendData(buffer[..n]);
        return n;
    }
    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }
}

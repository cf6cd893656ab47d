namespace Nabla.NN.Data;

/// <summary>Opens a data file by its name: <c>.parquet</c> as a <see cref="ParquetSource"/>, anything else as a (possibly gzipped) <see cref="CsvSource"/>.</summary>
public static class TabularFile
{
    /// <summary>The rows of <paramref name="path"/>, streamed on each enumeration.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The header or the Parquet schema is malformed.</exception>
    /// <param name="path">The file.</param>
    /// <param name="csv">How to read a CSV file (encoding, decimal separator, header); null detects everything. Ignored for Parquet.</param>
    public static ICsvRows Open(string path, CsvOptions? csv = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!DataPath.Exists(path)) throw new FileNotFoundException($"Data file '{path}' does not exist.", path);
        return ParquetSource.IsParquetPath(path) ? ParquetSource.FromFile(path) : CsvSource.FromFile(path, csv);
    }
}

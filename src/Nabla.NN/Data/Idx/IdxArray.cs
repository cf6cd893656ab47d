namespace Nabla.NN.Data;

/// <summary>
/// The raw content of an IDX file with unsigned-byte data: its dimensions and its bytes in row-major order
/// (<c>product(Dims)</c> of them).
/// </summary>
public sealed class IdxArray
{
    internal IdxArray(int[] dims, byte[] data)
    {
        Dims = dims;
        Data = data;
    }

    /// <summary>Dimensions from the header, e.g. <c>[60000, 28, 28]</c> for an image file.</summary>
    public int[] Dims { get; }

    /// <summary>The values, row-major.</summary>
    public byte[] Data { get; }
}

/// <summary>
/// Images read from an IDX image file (magic 0x00000803): <c>Count</c> images of <c>Rows x Cols</c> pixels,
/// scaled from bytes 0..255 to floats in [0, 1] (value / 255). <see cref="Pixels"/> is laid out as
/// <c>[Count, Rows * Cols]</c> (equivalently <c>[Count, Rows, Cols]</c>) row-major.
/// </summary>
public sealed class IdxImages
{
    internal IdxImages(float[] pixels, int count, int rows, int cols)
    {
        Pixels = pixels;
        Count = count;
        Rows = rows;
        Cols = cols;
    }

    /// <summary>Pixel values in [0, 1], shape <c>[Count, Rows * Cols]</c>.</summary>
    public float[] Pixels { get; }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Image height in pixels.</summary>
    public int Rows { get; }

    /// <summary>Image width in pixels.</summary>
    public int Cols { get; }

    /// <summary>The pixels as a tensor (wrapping, no copy): <c>[Count, Rows * Cols]</c>, or <c>[Count, Rows, Cols]</c> when <paramref name="flatten"/> is false.</summary>
    public Tensor ToTensor(bool flatten = true) =>
        Tensor.FromBuffer(Pixels, flatten ? new Shape([Count, Rows * Cols]) : new Shape([Count, Rows, Cols]));
}

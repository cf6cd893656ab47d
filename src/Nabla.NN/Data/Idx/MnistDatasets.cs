namespace Nabla.NN.Data;

/// <summary>Which half of an MNIST-format data set: the 60,000 training items or the 10,000 test (t10k) items.</summary>
public enum MnistSplit
{
    /// <summary><c>train-images-idx3-ubyte</c> / <c>train-labels-idx1-ubyte</c>.</summary>
    Train,

    /// <summary><c>t10k-images-idx3-ubyte</c> / <c>t10k-labels-idx1-ubyte</c>.</summary>
    Test,
}

/// <summary>
/// One split of an MNIST-format image data set: images <c>[N, 784]</c> in [0, 1], labels <c>[N]</c> in 0..9, and
/// the class names.
/// </summary>
public sealed class ImageClassificationData
{
    internal ImageClassificationData(IdxImages images, int[] labels, IReadOnlyList<string> classNames)
    {
        Images = images;
        Labels = labels;
        ClassNames = classNames;
    }

    /// <summary>The images, <c>[Count, Rows * Cols]</c>, values in [0, 1].</summary>
    public IdxImages Images { get; }

    /// <summary>Class index of each image, <c>[Count]</c>.</summary>
    public int[] Labels { get; }

    /// <summary>Name of each class index.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Images <c>[Count, Rows * Cols]</c> (wrapping the pixel array) and labels <c>[Count]</c> as class indices stored as floats.</summary>
    public (Tensor X, Tensor Y) ToTensors() =>
        (Images.ToTensor(), Tensor.FromArray(Array.ConvertAll(Labels, l => (float)l), Count));
}

/// <summary>
/// Loads MNIST-format data sets from a directory holding the four standard files, each either gzipped
/// (<c>train-images-idx3-ubyte.gz</c>) or raw (<c>train-images-idx3-ubyte</c>).
/// </summary>
public static class MnistDatasets
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs Fashion-MNIST.</summary>
    public const string DefaultFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Fashion-MNIST's classes, in label order.</summary>
    public static IReadOnlyList<string> FashionMnistClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>MNIST's classes: the digits.</summary>
    public static IReadOnlyList<string> MnistClassNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>
    /// Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017, "Fashion-MNIST: a Novel Image Dataset for Benchmarking Machine
    /// Learning Algorithms", arXiv:1708.07747; Zalando SE, MIT licence): 28x28 grey images of 10 kinds of clothing,
    /// 60,000 train and 10,000 test.
    /// </summary>
    /// <param name="split">Train or test.</param>
    /// <param name="dataDir">Directory with the IDX files; default <see cref="DefaultFashionMnistDirectory"/>.</param>
    /// <exception cref="FileNotFoundException">The files are absent; the message says how to get them.</exception>
    /// <exception cref="DataFormatException">A file is corrupt or the two files disagree.</exception>
    public static ImageClassificationData LoadFashionMnist(MnistSplit split, string? dataDir = null) =>
        Load(dataDir ?? DefaultFashionMnistDirectory, split, FashionMnistClassNames,
            "Fashion-MNIST", dataDir is null
                ? "install it with `apt-get install dataset-fashion-mnist` (Debian), or pass --data-dir DIR pointing at a directory with the four IDX files"
                : "pass --data-dir DIR pointing at a directory with the four IDX files (Debian's `apt-get install dataset-fashion-mnist` puts them in " + DefaultFashionMnistDirectory + ")");

    /// <summary>
    /// MNIST (LeCun, Cortes and Burges, "The MNIST database of handwritten digits", 1998; commonly cited as
    /// CC BY-SA 3.0): 28x28 grey images of handwritten digits, 60,000 train and 10,000 test.
    /// </summary>
    /// <param name="split">Train or test.</param>
    /// <param name="dataDir">Directory with the IDX files.</param>
    /// <exception cref="FileNotFoundException">The files are absent.</exception>
    /// <exception cref="DataFormatException">A file is corrupt or the two files disagree.</exception>
    public static ImageClassificationData LoadMnist(MnistSplit split, string dataDir) =>
        Load(dataDir, split, MnistClassNames, "MNIST",
            "pass --data-dir DIR pointing at a directory with train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz) and t10k-labels-idx1-ubyte(.gz)");

    /// <summary>Loads one split from <paramref name="dataDir"/> with the given class names (any MNIST-format set).</summary>
    /// <param name="memoryBudget">Bytes the images may cost in memory (<see cref="MemoryBudget.BytesPerImageByte"/> per pixel), checked
    /// against the header's claim before any pixel is read; null for no budget.</param>
    /// <exception cref="InsufficientMemoryException">The images would exceed <paramref name="memoryBudget"/>.</exception>
    public static ImageClassificationData Load(string dataDir, MnistSplit split, IReadOnlyList<string> classNames,
        string datasetName = "MNIST-format data set", string? howToGet = null, long? memoryBudget = null)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        string prefix = split == MnistSplit.Train ? "train" : "t10k";
        string images = Find(dataDir, prefix + "-images-idx3-ubyte", datasetName, howToGet);
        string labelsPath = Find(dataDir, prefix + "-labels-idx1-ubyte", datasetName, howToGet);
        if (memoryBudget is long budget) MemoryBudget.CheckImages(Idx.ClaimedPayload(images), budget, images);
        var img = Idx.LoadImages(images);
        var labels = Idx.LoadLabels(labelsPath, classNames.Count);
        if (img.Count != labels.Length)
            throw new DataFormatException($"{img.Count} images in {images} but {labels.Length} labels: the two files do not belong together", labelsPath);
        return new ImageClassificationData(img, labels, classNames);
    }

    private static string Find(string dir, string baseName, string datasetName, string? howToGet)
    {
        foreach (string candidate in new[] { baseName + ".gz", baseName })
        {
            string p = Path.Combine(dir, candidate);
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException(
            $"{datasetName} not found: no {baseName}.gz or {baseName} in '{dir}'" + (howToGet is null ? "." : "; " + howToGet + "."),
            Path.Combine(dir, baseName + ".gz"));
    }
}

using System.Globalization;
using System.Text;

namespace Nabla;

public sealed partial class Tensor
{
    private const int SummarizeAbove = 1000, EdgeItems = 3;

    /// <summary>
    /// Formats like PyTorch: <c>tensor([[1.0000, 2.5000], [3.0000, 4.0000]], requires_grad=True)</c>, with the values
    /// of large tensors elided (<c>...</c>) beyond the first and last three along each dimension.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder("tensor(");
        bool summarize = Size > SummarizeAbove;
        var format = ChooseFormat();
        if (Rank == 0) sb.Append(format(data[0]));
        else AppendDim(sb, 0, 0, format, summarize, indent: 8);
        if (Size == 0) sb.Append($", size={Shape}");
        if (GradFn is not null) sb.Append($", grad_fn=<{GradFn.Name}>");
        else if (RequiresGrad) sb.Append(", requires_grad=True");
        return sb.Append(')').ToString();
    }

    private void AppendDim(StringBuilder sb, int dim, int offset, Func<float, string> format, bool summarize, int indent)
    {
        int n = Shape[dim], stride = 1;
        for (int d = dim + 1; d < Rank; d++) stride *= Shape[d];
        sb.Append('[');
        for (int i = 0; i < n; i++)
        {
            if (summarize && n > 2 * EdgeItems && i == EdgeItems)
            {
                sb.Append(dim == Rank - 1 ? "..., " : "...," + Environment.NewLine + new string(' ', indent + dim));
                i = n - EdgeItems - 1;
                continue;
            }
            if (dim == Rank - 1) sb.Append(format(data[offset + i]));
            else AppendDim(sb, dim + 1, offset + i * stride, format, summarize, indent);
            if (i < n - 1)
                sb.Append(dim == Rank - 1 ? ", " : "," + new string('\n', Rank - dim - 1).Replace("\n", Environment.NewLine) + new string(' ', indent + dim));
        }
        sb.Append(']');
    }

    /// <summary>PyTorch's choice: whole numbers print as <c>1.</c>, others with 4 decimals, scientific when the range is wide.</summary>
    private Func<float, string> ChooseFormat()
    {
        var values = Data.ToArray().Where(float.IsFinite).Select(MathF.Abs).ToArray();
        var ci = CultureInfo.InvariantCulture;
        if (values.Length == 0) return v => FormatSpecial(v) ?? v.ToString(ci);
        bool allWhole = values.All(v => v == MathF.Floor(v));
        float max = values.Max(), minNonZero = values.Where(v => v > 0).DefaultIfEmpty(0f).Min();
        if (allWhole && max < 1e8f) return v => FormatSpecial(v) ?? v.ToString("0", ci) + ".";
        bool scientific = max >= 1e8f || (minNonZero > 0 && minNonZero < 1e-4f) || (minNonZero > 0 && max / minNonZero > 1000f);
        return scientific
            ? v => FormatSpecial(v) ?? v.ToString("0.0000e+00", ci)
            : v => FormatSpecial(v) ?? v.ToString("0.0000", ci);
    }

    private static string? FormatSpecial(float v) =>
        float.IsNaN(v) ? "nan" : float.IsPositiveInfinity(v) ? "inf" : float.IsNegativeInfinity(v) ? "-inf" : null;
}

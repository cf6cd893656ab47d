namespace Nabla.NN.Data;

/// <summary>How the missing values of a column are filled: a <see cref="MissingValuePolicy"/> and, for
/// <see cref="MissingValuePolicy.ImputeConstant"/>, the value.</summary>
/// <param name="Policy">The strategy.</param>
/// <param name="Constant">The fill value of <see cref="MissingValuePolicy.ImputeConstant"/> (a number for a numeric column), else null.</param>
public sealed record Imputation(MissingValuePolicy Policy, string? Constant = null)
{
    /// <summary>The spellings <see cref="Parse"/> accepts (<c>constant:VALUE</c> takes a value).</summary>
    public const string Spellings = "error|mean|median|most-frequent|constant:VALUE";

    /// <summary>The spelling <see cref="Parse"/> reads back, e.g. <c>median</c> or <c>constant:0</c>.</summary>
    public string Spelling => Policy switch
    {
        MissingValuePolicy.ImputeMean => "mean",
        MissingValuePolicy.ImputeMedian => "median",
        MissingValuePolicy.ImputeMostFrequent => "most-frequent",
        MissingValuePolicy.ImputeConstant => "constant:" + Constant,
        _ => "error",
    };

    /// <summary>Reads <c>error</c>, <c>mean</c>, <c>median</c>, <c>most-frequent</c> or <c>constant:VALUE</c> (<c>constant</c> alone fills 0).</summary>
    /// <exception cref="FormatException">Anything else; the message lists the spellings.</exception>
    public static Imputation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.StartsWith("constant", StringComparison.Ordinal) && (t.Length == 8 || t[8] == ':'))
            return new Imputation(MissingValuePolicy.ImputeConstant, t.Length == 8 ? "0" : t[9..]);
        return t switch
        {
            "error" => new Imputation(MissingValuePolicy.Error),
            "mean" => new Imputation(MissingValuePolicy.ImputeMean),
            "median" => new Imputation(MissingValuePolicy.ImputeMedian),
            "most-frequent" => new Imputation(MissingValuePolicy.ImputeMostFrequent),
            _ => throw new FormatException($"\"{text}\" is not an imputation; expected {Spellings}"),
        };
    }

    /// <summary>
    /// Reads a list such as <c>median, city=most-frequent, age=constant:0</c>: a bare strategy applies to every column,
    /// <c>COLUMN=STRATEGY</c> to one column. Returns the run-wide strategy (null when none is given) and the per-column ones.
    /// </summary>
    /// <exception cref="FormatException">A strategy is misspelt, two run-wide strategies or a column twice.</exception>
    public static (Imputation? All, IReadOnlyDictionary<string, Imputation> Columns) ParseList(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Imputation? all = null;
        var columns = new Dictionary<string, Imputation>(StringComparer.Ordinal);
        foreach (string item in items)
        {
            int eq = item.IndexOf('=');
            if (eq < 0)
            {
                if (all is not null) throw new FormatException($"two strategies for every column (\"{all.Policy}\" and \"{item}\"); give one, and COLUMN=STRATEGY for the exceptions");
                all = Parse(item);
                continue;
            }
            string column = item[..eq].Trim();
            if (column.Length == 0) throw new FormatException($"\"{item}\" names no column; expected COLUMN=STRATEGY");
            if (!columns.TryAdd(column, Parse(item[(eq + 1)..]))) throw new FormatException($"column \"{column}\" is given twice");
        }
        return (all, columns);
    }
}

namespace Nabla.NN.Text;

/// <summary>String distances for "did you mean" hints (the CLI's option values, the whiteboard's function names).</summary>
public static class EditDistance
{
    /// <summary>
    /// Levenshtein distance: the fewest single-character insertions, deletions and substitutions turning
    /// <paramref name="a"/> into <paramref name="b"/>. Two-row dynamic programme, O(|a| |b|) time.
    /// </summary>
    public static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitute = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                cur[j] = Math.Min(substitute, Math.Min(prev[j] + 1, cur[j - 1] + 1));
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}

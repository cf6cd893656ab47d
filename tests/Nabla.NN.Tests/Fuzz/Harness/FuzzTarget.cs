namespace Nabla.Fuzzing;

/// <summary>
/// One reader under attack: how to feed it bytes, which exception types its documentation allows, and how much it may
/// allocate for an input of a given length (<c>AllocationBase + AllocationPerByte * length</c>).
/// </summary>
/// <param name="Name">Short name; also the folder under <c>tests/corpus/</c> that holds its regression inputs.</param>
/// <param name="Run">Reads the input; returns normally for an accepted file, throws for a rejected one.</param>
/// <param name="Allowed">Exception types the reader documents for bad content (exact types).</param>
/// <param name="Seeds">Valid inputs the mutator starts from.</param>
/// <param name="Tokens">Format fragments for the mutator to splice in.</param>
/// <param name="AllocationBase">Bytes any case may allocate regardless of its length.</param>
/// <param name="AllocationPerByte">Further bytes allowed per input byte.</param>
/// <param name="MaxInputLength">Mutated inputs are cut to this length (small formats fuzz faster with small inputs).</param>
public sealed record FuzzTarget(
    string Name,
    Action<byte[]> Run,
    IReadOnlyList<Type> Allowed,
    IReadOnlyList<byte[]> Seeds,
    IReadOnlyList<string> Tokens,
    long AllocationBase = 8 << 20,
    long AllocationPerByte = 64,
    int MaxInputLength = 1 << 16)
{
    /// <summary>The allocation bound for an input of <paramref name="length"/> bytes.</summary>
    public long AllocationLimit(int length) => AllocationBase + AllocationPerByte * length;
}

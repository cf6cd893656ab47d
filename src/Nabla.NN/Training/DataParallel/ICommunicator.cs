namespace Nabla.NN.Training;

/// <summary>
/// The collective operations data-parallel training needs: a group of <see cref="Size"/> ranks (processes or
/// threads), each holding its own copy of the model, that sum gradients and share weights. Every rank must call
/// the same collectives in the same order with spans of the same length (as in MPI).
/// </summary>
/// <remarks>
/// Implementations: <c>Nabla.Distributed.InProcessCommunicator</c> (threads of one process, for tests and library
/// users) and <c>Nabla.Distributed.MpiCommunicator</c> (Open MPI, one process per rank, one or many machines).
/// A collective that cannot complete (a rank died, hung or aborted) must not hang for ever: it throws, or ends the
/// process with a message naming the problem.
/// </remarks>
public interface ICommunicator
{
    /// <summary>This rank's number, 0 .. <see cref="Size"/> - 1. Rank 0 is the one that writes files.</summary>
    int Rank { get; }

    /// <summary>Number of ranks in the group (1 = no parallelism).</summary>
    int Size { get; }

    /// <summary>Replaces <paramref name="values"/> on every rank by the element-wise sum over all ranks (in place).</summary>
    void AllReduceSum(Span<float> values);

    /// <summary>Copies <paramref name="values"/> of rank <paramref name="root"/> into the same span of every other rank.</summary>
    void Broadcast(Span<float> values, int root = 0);

    /// <summary>
    /// Sums <paramref name="values"/> element-wise over the ranks and gives each rank one block of the sum: with
    /// <c>n = block.Length</c> and <c>values.Length == Size * n</c>, rank r receives elements <c>[r n, (r + 1) n)</c> of
    /// the sum in <paramref name="block"/> (MPI_Reduce_scatter_block). The two spans must not overlap.
    /// </summary>
    /// <remarks>The default implementation allreduces a copy of all of <paramref name="values"/> (correct, not faster).</remarks>
    void ReduceScatterSum(ReadOnlySpan<float> values, Span<float> block)
    {
        CheckBlocks(Size, values.Length, block.Length);
        var all = values.ToArray();
        AllReduceSum(all);
        all.AsSpan(Rank * block.Length, block.Length).CopyTo(block);
    }

    /// <summary>
    /// Shares every rank's block of <paramref name="values"/> with all ranks, in place (MPI_Allgather with MPI_IN_PLACE):
    /// with <c>n = values.Length / Size</c>, rank r's elements <c>[r n, (r + 1) n)</c> are copied to the same elements
    /// of every other rank.
    /// </summary>
    /// <remarks>The default implementation broadcasts each rank's block in turn.</remarks>
    void AllGather(Span<float> values)
    {
        CheckBlocks(Size, values.Length, values.Length / Size);
        int n = values.Length / Size;
        for (int r = 0; r < Size; r++) Broadcast(values.Slice(r * n, n), r);
    }

    /// <summary>Returns once every rank has called it.</summary>
    void Barrier();

    /// <summary>Ends the whole group because of <paramref name="reason"/> (the other ranks stop instead of waiting); does not return normally.</summary>
    void Abort(string reason);

    /// <summary>Throws unless <paramref name="total"/> floats are <paramref name="ranks"/> blocks of <paramref name="block"/> floats (the block collectives' precondition).</summary>
    /// <exception cref="ArgumentException">They are not; the message gives both lengths.</exception>
    public static void CheckBlocks(int ranks, int total, int block)
    {
        if ((long)block * ranks != total)
            throw new ArgumentException($"A block collective over {ranks} ranks needs {ranks} blocks of equal length; got {total} floats for blocks of {block}.");
    }
}

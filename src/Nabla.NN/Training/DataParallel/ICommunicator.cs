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

    /// <summary>Returns once every rank has called it.</summary>
    void Barrier();

    /// <summary>Ends the whole group because of <paramref name="reason"/> (the other ranks stop instead of waiting); does not return normally.</summary>
    void Abort(string reason);
}

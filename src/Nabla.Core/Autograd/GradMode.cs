namespace Nabla;

/// <summary>
/// Whether operations record the graph that <see cref="Tensor.Backward(bool)"/> walks. On by default,
/// per thread (the only mutable global state in Nabla, and it is thread-local).
/// </summary>
public static class GradMode
{
    [ThreadStatic] private static bool disabled;

    /// <summary>True when new operations are recorded for backpropagation on this thread.</summary>
    public static bool IsEnabled => !disabled;

    /// <summary>Turns recording off until the returned scope is disposed: <c>using (GradMode.NoGrad()) { ... }</c>.</summary>
    public static Scope NoGrad() => new(enabled: false);

    /// <summary>Turns recording on until the returned scope is disposed (inside a <see cref="NoGrad"/> block).</summary>
    public static Scope Enable() => new(enabled: true);

    /// <summary>
    /// Restores the previous grad mode when disposed. A struct, so entering and leaving a scope allocates
    /// nothing (optimizer steps run inside one every step).
    /// </summary>
    public struct Scope : IDisposable
    {
        private readonly bool previousDisabled;
        private bool disposed;

        internal Scope(bool enabled)
        {
            previousDisabled = disabled;
            disabled = !enabled;
            this.disposed = false;
        }

        /// <summary>Restores the grad mode that was in force when the scope began.</summary>
        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            disabled = previousDisabled;
        }
    }
}

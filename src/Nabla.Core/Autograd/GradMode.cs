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
    public static IDisposable NoGrad() => new Scope(enabled: false);

    /// <summary>Turns recording on until the returned scope is disposed (inside a <see cref="NoGrad"/> block).</summary>
    public static IDisposable Enable() => new Scope(enabled: true);

    private sealed class Scope : IDisposable
    {
        private readonly bool previousDisabled;
        private bool disposed;

        public Scope(bool enabled)
        {
            previousDisabled = disabled;
            disabled = !enabled;
        }

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            disabled = previousDisabled;
        }
    }
}

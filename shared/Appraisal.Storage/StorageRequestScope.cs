namespace Appraisal.Storage;

/// <summary>Marks the storage calls made from here on, in this asynchronous flow, as made for an HTTP request: each is
/// bounded by <see cref="StorageOptions.RequestTimeout"/>. Both hosts open it around every request they serve; work
/// outside a request (activities, timers, mail) runs without it and keeps the longer retries.</summary>
public static class StorageRequestScope
{
    private static readonly AsyncLocal<bool> Active = new();

    /// <summary>Whether the current flow serves a request.</summary>
    public static bool IsActive => Active.Value;

    /// <summary>Opens the scope until the result is disposed (nested scopes are harmless).</summary>
    public static IDisposable Begin()
    {
        var outer = Active.Value;
        Active.Value = true;
        return new Scope(outer);
    }

    private sealed class Scope(bool outer) : IDisposable
    {
        public void Dispose() => Active.Value = outer;
    }
}

namespace CrmBot.Benchmarks.Load;

/// <summary>A conversation step that failed in a way the report counts, grouped by <see cref="Kind"/> (e.g. "reply timeout", "post: HTTP 502").</summary>
internal sealed class LoadFailure(string kind, string message) : Exception(message)
{
    public string Kind { get; } = kind;
}

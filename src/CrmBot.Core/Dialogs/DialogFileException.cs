namespace CrmBot.Core.Dialogs;

/// <summary>A dialog file that cannot be used; the message names the file and line so start-up failures are easy to fix.</summary>
public sealed class DialogFileException(string path, int line, string reason)
    : Exception($"{path}:{line}: {reason}")
{
    public string Path { get; } = path;
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}

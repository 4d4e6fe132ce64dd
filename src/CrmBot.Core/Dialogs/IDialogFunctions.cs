using System.Text.Json.Nodes;

namespace CrmBot.Core.Dialogs;

/// <summary>The business functions a dialog can call (plugin.function). In production these are the Semantic Kernel plugins; tests substitute their own.</summary>
public interface IDialogFunctions
{
    Task<JsonNode?> InvokeAsync(string function, IReadOnlyDictionary<string, string> arguments, CancellationToken ct);
}

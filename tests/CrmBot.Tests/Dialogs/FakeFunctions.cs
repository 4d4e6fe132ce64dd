using System.Text.Json.Nodes;
using CrmBot.Core.Dialogs;

namespace CrmBot.Tests.Dialogs;

/// <summary>Dialog functions that answer from a table and record every call.</summary>
internal sealed class FakeFunctions(Dictionary<string, Func<IReadOnlyDictionary<string, string>, JsonNode?>> answers) : IDialogFunctions
{
    public List<(string Function, IReadOnlyDictionary<string, string> Arguments)> Calls { get; } = [];

    public Task<JsonNode?> InvokeAsync(string function, IReadOnlyDictionary<string, string> arguments, CancellationToken ct)
    {
        Calls.Add((function, arguments));
        return Task.FromResult(answers.TryGetValue(function, out var answer) ? answer(arguments) : null);
    }
}

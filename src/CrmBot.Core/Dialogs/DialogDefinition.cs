namespace CrmBot.Core.Dialogs;

/// <summary>
/// One file of <c>dialogs/</c>: an intent with its training examples and either a flow (slots + steps),
/// canned responses (small talk), or neither (answered from the knowledge base).
/// </summary>
public sealed record DialogDefinition(string Name, string Intent, string SourcePath)
{
    public string Description { get; init; } = "";

    /// <summary>How the intent is offered on a "did you mean" button; written so that the model reads it as this intent.</summary>
    public string Title { get; init; } = "";
    public IReadOnlyList<string> Examples { get; init; } = [];
    public IReadOnlyList<string> Responses { get; init; } = [];
    public bool RequiresVerification { get; init; }
    public IReadOnlyDictionary<string, SlotDefinition> Slots { get; init; } = new Dictionary<string, SlotDefinition>();
    public IReadOnlyList<DialogInstruction> Program { get; init; } = [];

    public bool HasFlow => Program.Count > 0;
}

namespace CrmBot.Core.Dialogs;

/// <summary>
/// A value a dialog needs from the customer. <see cref="Types"/> are entity types (order_number, email, postcode…)
/// or one of <c>yes_no</c>, <c>text</c>, <c>choice</c>.
/// </summary>
public sealed record SlotDefinition(string Name, IReadOnlyList<string> Types, IReadOnlyList<string> Prompts, int Line)
{
    public const string YesNo = "yes_no";
    public const string Text = "text";
    public const string Choice = "choice";

    public IReadOnlyList<string> Retries { get; init; } = [];
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Other words customers use for a choice ("double charged" for "Charged twice"); by choice.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Synonyms { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The choice that takes an answer matching none of the others, when the slot offers it.</summary>
    public const string SomethingElse = "Something else";
    /// <summary>A plugin function whose list result is offered as quick replies when asking (e.g. the customer's recent orders).</summary>
    public string? SuggestFrom { get; init; }
    public int MaxAttempts { get; init; } = 3;
    /// <summary>Kept only for the turn it was given in, never written to the store (e.g. the email given for verification).</summary>
    public bool Secret { get; init; }

    /// <summary>
    /// A free-text slot that takes the message that started the dialog when that message already tells the story
    /// (at least <see cref="RequestWords"/> words), so the customer is not asked for what they just said.
    /// </summary>
    public bool FromRequest { get; init; }

    public const int RequestWords = 10;

    /// <summary>Whether the slot can be filled from the message that started the dialog (entities yes; a yes/no or free text no).</summary>
    public bool FillsFromTrigger => !Types.Contains(YesNo) && !Types.Contains(Text) && !Types.Contains(Choice);
}

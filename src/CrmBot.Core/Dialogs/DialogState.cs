using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBot.Core.Dialogs;

/// <summary>Where a conversation is in its dialogs: a stack, because verification interrupts the dialog that needs it.</summary>
public sealed class DialogState
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public List<DialogFrame> Frames { get; set; } = [];

    /// <summary>Requests the customer made in the same message as an earlier one, waiting their turn (redacted text).</summary>
    public List<string> Queue { get; set; } = [];

    public DialogFrame? Top => Frames.Count > 0 ? Frames[^1] : null;

    public bool IsActive => Frames.Count > 0;

    public string? Serialize() => Frames.Count == 0 && Queue.Count == 0 ? null : JsonSerializer.Serialize(this, Json);

    public static DialogState Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? new DialogState() : JsonSerializer.Deserialize<DialogState>(json, Json) ?? new DialogState();
}

public sealed class DialogFrame
{
    public required string Dialog { get; set; }
    public int Pc { get; set; }
    /// <summary>Slot values and call results, by name.</summary>
    public JsonObject Memory { get; set; } = [];
    /// <summary>The slot the dialog is waiting for, if it asked something.</summary>
    public string? Waiting { get; set; }
    public int Attempts { get; set; }
}

using CrmBot.Intelligence.Classification;

namespace CrmBot.Core.Dialogs;

/// <summary>All dialog files, loaded once at start-up (a bad file stops start-up with its path and line). Immutable and shared.</summary>
public sealed class DialogCatalog
{
    /// <summary>The flow that checks who the customer is before personal data is shown.</summary>
    public const string VerifyIdentity = "verify_identity";

    private readonly Dictionary<string, DialogDefinition> _byName;
    private readonly Dictionary<string, DialogDefinition> _byIntent;

    public DialogCatalog(IEnumerable<DialogDefinition> dialogs)
    {
        _byName = new(StringComparer.Ordinal);
        _byIntent = new(StringComparer.Ordinal);
        foreach (var dialog in dialogs)
        {
            if (!_byName.TryAdd(dialog.Name, dialog))
            {
                throw new DialogFileException(dialog.SourcePath, 1, $"dialog '{dialog.Name}' is also defined in {_byName[dialog.Name].SourcePath}");
            }
            if (dialog.Examples.Count > 0 && !_byIntent.TryAdd(dialog.Intent, dialog))
            {
                throw new DialogFileException(dialog.SourcePath, 1, $"intent '{dialog.Intent}' already has examples in {_byIntent[dialog.Intent].SourcePath}");
            }
        }
        if (!_byName.ContainsKey(VerifyIdentity) && _byName.Values.Any(d => d.RequiresVerification))
        {
            throw new DialogFileException(_byName.Values.First(d => d.RequiresVerification).SourcePath, 1,
                $"requires_verification needs a '{VerifyIdentity}' dialog, and none was found");
        }
    }

    public IReadOnlyCollection<DialogDefinition> All => _byName.Values;

    public DialogDefinition Get(string name) =>
        _byName.TryGetValue(name, out var d) ? d : throw new KeyNotFoundException($"No dialog named '{name}'.");

    public DialogDefinition? ForIntent(string intent) => _byIntent.GetValueOrDefault(intent);

    /// <summary>Every example utterance with its intent: the intent model's training data. Titles are examples too, so a "did you mean" button is understood.</summary>
    public IReadOnlyList<LabeledText> TrainingExamples() =>
        _byIntent.Values.OrderBy(d => d.Intent, StringComparer.Ordinal)
            .SelectMany(d => d.Examples.Append(d.Title).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).Select(e => new LabeledText(e, d.Intent)))
            .ToList();

    /// <summary>Loads <c>*.yaml</c> from the folder and its sub-folders (intents without a flow live in <c>intents/</c>).</summary>
    public static DialogCatalog Load(string directory, IReadOnlySet<string> knownFunctions)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Dialog folder not found: {directory}");
        }
        var loader = new DialogLoader(knownFunctions);
        var root = Path.GetFullPath(Path.Combine(directory, ".."));
        return new DialogCatalog(Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => loader.Load(path, Path.GetRelativePath(root, path))));
    }
}

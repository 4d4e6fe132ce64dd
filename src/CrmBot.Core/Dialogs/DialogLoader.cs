using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CrmBot.Core.Dialogs;

/// <summary>
/// Reads one dialog file strictly: unknown keys, unknown steps, undeclared slots, unknown functions and
/// template names that nothing defines are errors with file and line, so a typo fails start-up, not a customer's chat.
/// </summary>
public sealed partial class DialogLoader(IReadOnlySet<string> knownFunctions)
{
    /// <summary>Names a template may use without the dialog defining them: set by the engine for every turn.</summary>
    public static readonly IReadOnlySet<string> Globals = new HashSet<string>(StringComparer.Ordinal) { "customer", "shop", "reference" };

    private static readonly HashSet<string> TopKeys = ["intent", "name", "title", "description", "examples", "responses", "requires_verification", "slots", "steps", "replies"];
    private static readonly HashSet<string> SlotKeys = ["type", "prompt", "retry", "choices", "suggest_from", "max_attempts", "secret", "from_request", "synonyms"];

    public DialogDefinition Load(string path, string displayPath)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, displayPath);
    }

    public DialogDefinition Parse(TextReader reader, string displayPath)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new DialogFileException(displayPath, (int)e.Start.Line, "not valid YAML: " + e.Message);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new DialogFileException(displayPath, 1, "expected one YAML mapping with keys such as intent, examples, steps");
        }
        return new FileParser(displayPath, knownFunctions).Parse(root);
    }

    private sealed class FileParser(string file, IReadOnlySet<string> knownFunctions)
    {
        private readonly List<DialogInstruction> _program = [];
        private readonly HashSet<string> _definedNames = new(StringComparer.Ordinal);
        private readonly List<(string Name, int Line)> _usedNames = [];
        private Dictionary<string, SlotDefinition> _slots = [];

        public DialogDefinition Parse(YamlMappingNode root)
        {
            foreach (var key in root.Children.Keys)
            {
                if (!TopKeys.Contains(Scalar(key)))
                {
                    Fail(key, $"unknown key '{Scalar(key)}' (allowed: {string.Join(", ", TopKeys)})");
                }
            }
            var intent = OptionalScalar(root, "intent");
            var name = OptionalScalar(root, "name") ?? intent ?? Fail<string>(root, "a dialog needs 'intent' or 'name'");
            if (!Identifier().IsMatch(name) || (intent is not null && !Identifier().IsMatch(intent)))
            {
                Fail(root, "intent and name must be lower_snake_case");
            }
            _slots = ParseSlots(root);
            _definedNames.UnionWith(_slots.Keys);
            if (Child(root, "steps") is { } steps)
            {
                CompileBlock(AsSequence(steps, "steps"));
                _program.Add(new EndInstruction(Line(steps)));
            }
            var responses = Child(root, "responses") is { } r ? Strings(r, "responses") : [];
            foreach (var (used, line) in _usedNames)
            {
                if (!_definedNames.Contains(Root(used)) && !Globals.Contains(Root(used)) && Root(used) != DialogInterpreter.RequestMemory)
                {
                    throw new DialogFileException(file, line, $"'{{{{ {used} }}}}' is not a slot, a call result, {DialogInterpreter.RequestMemory} or one of: {string.Join(", ", Globals)}");
                }
            }
            foreach (var text in responses)
            {
                CheckTemplateNames(text, Line(root), allowLocal: false);
            }
            return new DialogDefinition(name, intent ?? name, file)
            {
                Description = OptionalScalar(root, "description") ?? "",
                Title = OptionalScalar(root, "title") ?? "",
                Examples = Child(root, "examples") is { } ex ? Strings(ex, "examples") : [],
                Responses = responses,
                RequiresVerification = OptionalScalar(root, "requires_verification") is { } rv && Bool(rv, Child(root, "requires_verification")!),
                Slots = _slots,
                Program = _program,
                Replies = ParseReplies(root),
            };
        }

        // The system's own replies (dialogs/system.yaml): named texts with variants; SystemReplies checks names and placeholders.
        private Dictionary<string, NamedReply> ParseReplies(YamlMappingNode root)
        {
            var replies = new Dictionary<string, NamedReply>(StringComparer.Ordinal);
            if (Child(root, "replies") is not { } node)
            {
                return replies;
            }
            if (node is not YamlMappingNode map)
            {
                return Fail<Dictionary<string, NamedReply>>(node, "'replies' must map reply names to texts");
            }
            foreach (var (keyNode, valueNode) in map.Children)
            {
                var key = Scalar(keyNode);
                if (!Identifier().IsMatch(key))
                {
                    Fail(keyNode, $"reply name '{key}' must be lower_snake_case");
                }
                var variants = Strings(valueNode, key);
                if (variants.Count == 0 || variants.Any(string.IsNullOrWhiteSpace))
                {
                    Fail(valueNode, $"reply '{key}' needs text");
                }
                replies[key] = new NamedReply(variants, Line(keyNode));
            }
            return replies;
        }

        private Dictionary<string, SlotDefinition> ParseSlots(YamlMappingNode root)
        {
            var slots = new Dictionary<string, SlotDefinition>(StringComparer.Ordinal);
            if (Child(root, "slots") is not { } node)
            {
                return slots;
            }
            if (node is not YamlMappingNode map)
            {
                return Fail<Dictionary<string, SlotDefinition>>(node, "'slots' must map slot names to their definitions");
            }
            foreach (var (keyNode, valueNode) in map.Children)
            {
                var slotName = Scalar(keyNode);
                if (!Identifier().IsMatch(slotName))
                {
                    Fail(keyNode, $"slot name '{slotName}' must be lower_snake_case");
                }
                if (valueNode is not YamlMappingNode def)
                {
                    return Fail<Dictionary<string, SlotDefinition>>(valueNode, $"slot '{slotName}' needs type and prompt");
                }
                foreach (var key in def.Children.Keys)
                {
                    if (!SlotKeys.Contains(Scalar(key)))
                    {
                        Fail(key, $"unknown slot key '{Scalar(key)}' (allowed: {string.Join(", ", SlotKeys)})");
                    }
                }
                var types = (OptionalScalar(def, "type") ?? Fail<string>(def, $"slot '{slotName}' needs a type"))
                    .Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                foreach (var type in types)
                {
                    if (!Intelligence.Entities.EntityTypes.All.Contains(type) && type is not (SlotDefinition.YesNo or SlotDefinition.Text or SlotDefinition.Choice))
                    {
                        Fail(def, $"slot '{slotName}' has unknown type '{type}'");
                    }
                }
                var choices = Child(def, "choices") is { } c ? Strings(c, "choices") : [];
                if (types.Contains(SlotDefinition.Choice) && choices.Count == 0)
                {
                    Fail(def, $"slot '{slotName}' of type choice needs 'choices'");
                }
                var synonyms = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                if (Child(def, "synonyms") is { } synonymNode)
                {
                    if (synonymNode is not YamlMappingNode synonymMap)
                    {
                        return Fail<Dictionary<string, SlotDefinition>>(synonymNode, $"slot '{slotName}': synonyms must map choices to lists of words");
                    }
                    foreach (var (choiceNode, words) in synonymMap.Children)
                    {
                        var choice = Scalar(choiceNode);
                        if (!choices.Contains(choice))
                        {
                            Fail(choiceNode, $"slot '{slotName}': synonyms for '{choice}', which is not one of its choices");
                        }
                        synonyms[choice] = Strings(words, "synonyms");
                    }
                }
                var suggestFrom = OptionalScalar(def, "suggest_from");
                if (suggestFrom is not null)
                {
                    CheckFunction(suggestFrom, Child(def, "suggest_from")!);
                }
                var prompts = Child(def, "prompt") is { } p ? Strings(p, "prompt") : Fail<IReadOnlyList<string>>(def, $"slot '{slotName}' needs a prompt");
                var retries = Child(def, "retry") is { } rt ? Strings(rt, "retry") : [];
                foreach (var text in prompts.Concat(retries))
                {
                    CheckTemplateNames(text, Line(def), allowLocal: true);
                }
                slots[slotName] = new SlotDefinition(slotName, types, prompts, Line(keyNode))
                {
                    Retries = retries,
                    Choices = choices,
                    Synonyms = synonyms,
                    SuggestFrom = suggestFrom,
                    MaxAttempts = OptionalScalar(def, "max_attempts") is { } ma && int.TryParse(ma, out var n) && n > 0 ? n : 3,
                    Secret = OptionalScalar(def, "secret") is { } s && Bool(s, Child(def, "secret")!),
                    FromRequest = OptionalScalar(def, "from_request") is { } fr && Bool(fr, Child(def, "from_request")!),
                };
                if (slots[slotName].FromRequest && !types.Contains(SlotDefinition.Text))
                {
                    Fail(def, $"slot '{slotName}': from_request is for text slots (entity slots fill from the request already)");
                }
            }
            return slots;
        }

        private void CompileBlock(YamlSequenceNode steps)
        {
            foreach (var step in steps.Children)
            {
                CompileStep(step);
            }
        }

        private void CompileStep(YamlNode step)
        {
            if (step is YamlScalarNode scalar)
            {
                switch (scalar.Value)
                {
                    case "end":
                        _program.Add(new EndInstruction(Line(step)));
                        return;
                    case "restart":
                        _program.Add(new RestartInstruction(Line(step)));
                        return;
                    default:
                        Fail(step, $"unknown step '{scalar.Value}' (steps: say, ask, call, branch, suggest, escalate, end, restart)");
                        return;
                }
            }
            if (step is not YamlMappingNode map || map.Children.Count == 0)
            {
                Fail(step, "a step must be a mapping such as 'say: …' or one of 'end', 'restart'");
                return;
            }
            var kind = Scalar(map.Children.Keys.First());
            var allowed = kind switch
            {
                "say" => new[] { "say", "actions" },
                "ask" => ["ask"],
                "call" => ["call", "with", "as"],
                "branch" => ["branch", "cases", "default"],
                "suggest" => ["suggest"],
                "escalate" => ["escalate", "reason"],
                _ => Fail<string[]>(step, $"unknown step '{kind}' (steps: say, ask, call, branch, suggest, escalate, end, restart)"),
            };
            foreach (var key in map.Children.Keys)
            {
                if (!allowed.Contains(Scalar(key)))
                {
                    Fail(key, $"'{kind}' step does not take '{Scalar(key)}' (takes: {string.Join(", ", allowed)})");
                }
            }
            int line = Line(step);
            switch (kind)
            {
                case "say":
                    var variants = Strings(map.Children[new YamlScalarNode("say")], "say");
                    var actions = Child(map, "actions") is { } a ? Strings(a, "actions") : [];
                    foreach (var text in variants)
                    {
                        CheckTemplateNames(text, line, allowLocal: true);
                    }
                    _program.Add(new SayInstruction(variants, actions, line));
                    break;
                case "ask":
                    var slot = OptionalScalar(map, "ask")!;
                    if (!_slots.ContainsKey(slot))
                    {
                        Fail(step, $"'ask: {slot}' but no slot '{slot}' is declared under 'slots'");
                    }
                    _program.Add(new AskInstruction(slot, line));
                    break;
                case "call":
                    var function = OptionalScalar(map, "call")!;
                    CheckFunction(function, step);
                    var args = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (Child(map, "with") is { } with)
                    {
                        if (with is not YamlMappingNode withMap)
                        {
                            Fail(with, "'with' must map argument names to values");
                            return;
                        }
                        foreach (var (k, v) in withMap.Children)
                        {
                            var value = v is YamlScalarNode sv ? sv.Value ?? "" : Fail<string>(v, "argument values must be text");
                            CheckTemplateNames(value, Line(v), allowLocal: true);
                            args[Scalar(k)] = value;
                        }
                    }
                    var resultName = OptionalScalar(map, "as");
                    if (resultName is not null)
                    {
                        _definedNames.Add(resultName);
                    }
                    _program.Add(new CallInstruction(function, args, resultName, line));
                    break;
                case "branch":
                    CompileBranch(map, line);
                    break;
                case "suggest":
                    var path = OptionalScalar(map, "suggest")!;
                    _usedNames.Add((path, line));
                    _program.Add(new SuggestInstruction(path, line));
                    break;
                case "escalate":
                    var queue = OptionalScalar(map, "escalate")!;
                    var reason = OptionalScalar(map, "reason") ?? Fail<string>(step, "'escalate' needs a 'reason' for the agent");
                    CheckTemplateNames(reason, line, allowLocal: true);
                    _program.Add(new EscalateInstruction(queue, reason, line));
                    break;
            }
        }

        private void CompileBranch(YamlMappingNode map, int line)
        {
            var path = OptionalScalar(map, "branch")!;
            _usedNames.Add((path, line));
            if (Child(map, "cases") is not YamlMappingNode cases)
            {
                Fail(map, "'branch' needs 'cases' mapping values to steps");
                return;
            }
            var branchIndex = _program.Count;
            _program.Add(null!); // patched below once the targets are known
            var targets = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var jumpsToEnd = new List<int>();
            foreach (var (key, block) in cases.Children)
            {
                targets[Scalar(key)] = _program.Count;
                CompileBlock(AsSequence(block, $"case '{Scalar(key)}'"));
                jumpsToEnd.Add(_program.Count);
                _program.Add(null!);
            }
            int defaultTarget = _program.Count;
            if (Child(map, "default") is { } defaultBlock)
            {
                CompileBlock(AsSequence(defaultBlock, "default"));
            }
            int end = _program.Count;
            foreach (var jump in jumpsToEnd)
            {
                _program[jump] = new JumpInstruction(end, line);
            }
            _program[branchIndex] = new BranchInstruction(path, targets, defaultTarget, line);
        }

        private void CheckFunction(string function, YamlNode node)
        {
            if (!knownFunctions.Contains(function))
            {
                Fail(node, $"unknown function '{function}' (known: {string.Join(", ", knownFunctions.Order())})");
            }
        }

        private void CheckTemplateNames(string text, int line, bool allowLocal)
        {
            foreach (var path in TemplateRenderer.Paths(text))
            {
                if (allowLocal)
                {
                    _usedNames.Add((path, line));
                }
                else if (!Globals.Contains(Root(path)))
                {
                    throw new DialogFileException(file, line, $"'{{{{ {path} }}}}' is not available here (only: {string.Join(", ", Globals)})");
                }
            }
        }

        private static string Root(string path) => path.Split('.')[0];

        private YamlSequenceNode AsSequence(YamlNode node, string what) =>
            node as YamlSequenceNode ?? Fail<YamlSequenceNode>(node, $"'{what}' must be a list of steps");

        private IReadOnlyList<string> Strings(YamlNode node, string what) => node switch
        {
            YamlScalarNode s => [s.Value ?? ""],
            YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode cs ? cs.Value ?? "" : Fail<string>(c, $"'{what}' items must be text")).ToList(),
            _ => Fail<IReadOnlyList<string>>(node, $"'{what}' must be text or a list of texts"),
        };

        private bool Bool(string value, YamlNode node) => value switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => Fail<bool>(node, $"expected true or false, got '{value}'"),
        };

        private static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        private string? OptionalScalar(YamlMappingNode map, string key) => Child(map, key) switch
        {
            null => null,
            YamlScalarNode s => s.Value,
            var other => Fail<string>(other, $"'{key}' must be a single value"),
        };

        private static string Scalar(YamlNode node) => (node as YamlScalarNode)?.Value ?? "";

        private static int Line(YamlNode node) => (int)node.Start.Line;

        private void Fail(YamlNode node, string reason) => throw new DialogFileException(file, Line(node), reason);

        private T Fail<T>(YamlNode node, string reason) => throw new DialogFileException(file, Line(node), reason);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex Identifier();
}

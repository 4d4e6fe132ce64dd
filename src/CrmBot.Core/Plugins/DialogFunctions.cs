using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Conversations;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Recommendations;
using Microsoft.SemanticKernel;

namespace CrmBot.Core.Plugins;

/// <summary>
/// Dialog steps call business functions through a Semantic Kernel, exactly as a model with function calling would,
/// so there is one implementation of every business action. One instance per turn (the plugins hold the turn).
/// </summary>
public sealed class DialogFunctions : IDialogFunctions
{
    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly (string Name, Type Type)[] PluginTypes =
    [
        ("customers", typeof(CustomersPlugin)),
        ("orders", typeof(OrdersPlugin)),
        ("products", typeof(ProductsPlugin)),
        ("knowledge", typeof(KnowledgePlugin)),
        ("escalation", typeof(EscalationPlugin)),
    ];

    /// <summary>Every "plugin.function" a dialog may call, for checking dialog files at start-up.</summary>
    public static IReadOnlySet<string> Names { get; } = PluginTypes
        .SelectMany(p => p.Type.GetMethods().Select(m => m.GetCustomAttribute<KernelFunctionAttribute>())
            .OfType<KernelFunctionAttribute>().Select(a => $"{p.Name}.{a.Name}"))
        .ToHashSet(StringComparer.Ordinal);

    private readonly Kernel kernel = new();
    private readonly Dictionary<string, Func<object>> plugins;

    public DialogFunctions(ConversationTurn turn, ConversationOptions options, KnowledgeSearch knowledge, EscalationService escalations, ProductSales sales)
    {
        // A plugin is added to the kernel when a step first calls it: building all five by reflection for every
        // dialog turn cost more than most of the functions they were built for.
        plugins = new(StringComparer.Ordinal)
        {
            ["customers"] = () => new CustomersPlugin(turn, options),
            ["orders"] = () => new OrdersPlugin(turn),
            ["products"] = () => new ProductsPlugin(turn, sales),
            ["knowledge"] = () => new KnowledgePlugin(knowledge, options),
            ["escalation"] = () => new EscalationPlugin(turn, escalations),
        };
    }

    public async Task<JsonNode?> InvokeAsync(string function, IReadOnlyDictionary<string, string> arguments, CancellationToken ct)
    {
        var dot = function.IndexOf('.');
        var args = new KernelArguments();
        foreach (var (name, text) in arguments)
        {
            args[name] = text;
        }
        var plugin = function[..dot];
        if (!kernel.Plugins.Contains(plugin) && plugins.TryGetValue(plugin, out var create))
        {
            kernel.Plugins.AddFromObject(create(), plugin);
        }
        var result = await kernel.InvokeAsync(plugin, function[(dot + 1)..], args, ct);
        var value = result.GetValue<object>();
        return value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), ResultJson);
    }
}

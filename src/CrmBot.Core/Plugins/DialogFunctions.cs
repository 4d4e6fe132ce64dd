using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Conversations;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;
using CrmBot.Core.Knowledge;
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

    public Kernel Kernel { get; }

    public DialogFunctions(ConversationTurn turn, ConversationOptions options, KnowledgeSearch knowledge, EscalationService escalations)
    {
        Kernel = new Kernel();
        Kernel.Plugins.AddFromObject(new CustomersPlugin(turn, options), "customers");
        Kernel.Plugins.AddFromObject(new OrdersPlugin(turn), "orders");
        Kernel.Plugins.AddFromObject(new ProductsPlugin(turn), "products");
        Kernel.Plugins.AddFromObject(new KnowledgePlugin(knowledge, options), "knowledge");
        Kernel.Plugins.AddFromObject(new EscalationPlugin(turn, escalations), "escalation");
    }

    public async Task<JsonNode?> InvokeAsync(string function, IReadOnlyDictionary<string, string> arguments, CancellationToken ct)
    {
        var dot = function.IndexOf('.');
        var args = new KernelArguments();
        foreach (var (name, text) in arguments)
        {
            args[name] = text;
        }
        var result = await Kernel.InvokeAsync(function[..dot], function[(dot + 1)..], args, ct);
        var value = result.GetValue<object>();
        return value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), ResultJson);
    }
}

using CrmBot.Core.Escalations;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Plugins;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Turns;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace CrmBot.Core.Llm;

/// <summary>
/// The plugin functions a model may call in a turn. Only reading functions and the hand-off are offered: anything that
/// changes an order or an account stays with the dialogs, which confirm with the customer first. A guest is offered
/// nothing that reads account data; for a verified customer the order and profile functions are the plugins of the
/// turn, which only ever read that customer's data (<see cref="ICustomerTurn.Customer"/>), whatever number the model
/// passes. A DI singleton; thread-safe.
/// </summary>
public sealed class LlmFunctions(KnowledgeSearch knowledge, EscalationService escalations, SuggestionServices suggestions, IOptions<ConversationOptions> options)
{
    public static IReadOnlySet<string> ForGuests { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "knowledge-answer", "products-describe", "products-recommend", "escalation-escalate",
    };

    public static IReadOnlySet<string> ForVerifiedCustomers { get; } = new HashSet<string>(ForGuests, StringComparer.Ordinal)
    {
        "customers-get_profile", "orders-get_order", "orders-recent_orders", "orders-returnable_orders", "orders-cancellable_orders",
        "orders-refund_orders", "orders-delivered_orders",
    };

    public IReadOnlyList<KernelPlugin> For(ICustomerTurn turn)
    {
        var allowed = turn.Customer is null ? ForGuests : ForVerifiedCustomers;
        var plugins = new List<KernelPlugin>
        {
            Only(KernelPluginFactory.CreateFromObject(new KnowledgePlugin(knowledge, options.Value), "knowledge"), allowed),
            Only(KernelPluginFactory.CreateFromObject(new ProductsPlugin(turn, suggestions), "products"), allowed),
            Only(KernelPluginFactory.CreateFromObject(new EscalationPlugin(turn, escalations), "escalation"), allowed),
        };
        if (turn.Customer is not null)
        {
            plugins.Add(Only(KernelPluginFactory.CreateFromObject(new CustomersPlugin(turn, options.Value), "customers"), allowed));
            plugins.Add(Only(KernelPluginFactory.CreateFromObject(new OrdersPlugin(turn), "orders"), allowed));
        }
        return plugins.Where(p => p.FunctionCount > 0).ToList();
    }

    private static KernelPlugin Only(KernelPlugin plugin, IReadOnlySet<string> allowed) =>
        KernelPluginFactory.CreateFromFunctions(plugin.Name, plugin.Description, plugin.Where(f => allowed.Contains(plugin.Name + "-" + f.Name)));
}

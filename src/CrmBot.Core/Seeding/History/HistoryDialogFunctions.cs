using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Customers;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Orders;
using CrmBot.Core.Plugins;
using CrmBot.Core.Messages;

namespace CrmBot.Core.Seeding.History;

/// <summary>
/// The business functions a dialog calls, answered for a moment in the past: the customer's orders as they stood then
/// (<see cref="OrderTimeline"/>), in the shapes the real plugins return, so the dialog files word the replies exactly
/// as they would have. Actions (cancel, start a return, send an invoice) are answered but change nothing: the order
/// history already holds their outcome. Escalations are handed to the conversation. One instance per turn.
/// </summary>
internal sealed class HistoryDialogFunctions(ShopSnapshot shop, Customer? customer, DateTimeOffset now, Func<string, string, string, JsonNode> escalate) : IDialogFunctions
{
    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>What the history can answer. Product suggestions and identity checks need the live store, so their dialogs are not played.</summary>
    private static readonly HashSet<string> Supported =
    [
        "orders.get_order", "orders.recent_orders", "orders.returnable_orders", "orders.cancellable_orders", "orders.refund_orders",
        "orders.delivered_orders", "orders.send_invoice", "orders.cancel_order", "orders.start_return",
        "customers.send_password_reset", "customers.get_profile", "escalation.escalate",
    ];

    /// <summary>Whether every function the dialog (and, for a guest, the identity check before it) calls can be answered for the past.</summary>
    public static bool CanPlay(DialogDefinition dialog, DialogCatalog catalog, bool verified)
    {
        bool Plays(DialogDefinition d) =>
            d.Program.OfType<CallInstruction>().All(c => Supported.Contains(c.Function))
            && !d.Program.OfType<SuggestInstruction>().Any()
            && d.Slots.Values.All(s => s.SuggestFrom is null || Supported.Contains(s.SuggestFrom));
        return Plays(dialog) && (verified || !dialog.RequiresVerification || Plays(catalog.Get(DialogCatalog.VerifyIdentity)));
    }

    public Task<JsonNode?> InvokeAsync(string function, IReadOnlyDictionary<string, string> arguments, CancellationToken ct)
    {
        string Argument(string name) => arguments.TryGetValue(name, out var value) ? value : "";
        object? result = function switch
        {
            "orders.get_order" => Find(Argument("order_number")) is { } order ? OrderTimeline.Describe(order, now, shop.Products) : OrderDetails.NotFound(Argument("order_number")),
            "orders.recent_orders" => Newest(_ => true),
            "orders.returnable_orders" => Newest(o => OrderTimeline.ReturnEligibility(o, now) == "eligible"),
            "orders.cancellable_orders" => Newest(o => OrderTimeline.StatusAt(o, now) == OrderStatus.Processing),
            "orders.refund_orders" => Newest(o => OrderTimeline.RefundStatusAt(o, now) != RefundStatus.None),
            "orders.delivered_orders" => Newest(o => OrderTimeline.StatusAt(o, now) == OrderStatus.Delivered),
            "orders.send_invoice" => Invoice(Argument("order_number")),
            "orders.cancel_order" => Cancel(Argument("order_number")),
            "orders.start_return" => StartReturn(Argument("order_number")),
            "customers.send_password_reset" => new PasswordReset(customer is not null, Formats.MaskEmail(Customer.NormalizeEmail(Argument("email")))),
            "customers.get_profile" => customer is null ? null : new CustomerProfile(customer.FirstName, customer.Tier.ToString(), Formats.Date(customer.CreatedAt),
                Formats.MaskEmail(customer.Email), customer.Phone is null ? "" : "•••" + customer.Phone[^3..]),
            "escalation.escalate" => escalate(Argument("queue"), Argument("reason"), Argument("intent")),
            _ => throw new NotSupportedException($"The demo history cannot answer {function}; check CanPlay before playing a dialog."),
        };
        return Task.FromResult(result switch
        {
            null => null,
            JsonNode node => node,
            _ => JsonSerializer.SerializeToNode(result, result.GetType(), ResultJson),
        });
    }

    private Order? Find(string number)
    {
        if (customer is null || string.IsNullOrWhiteSpace(number)) return null;
        var wanted = number.Trim().ToUpperInvariant();
        return shop.OrdersOf(customer.Id, now).FirstOrDefault(o => o.Number == wanted);
    }

    private IReadOnlyList<string> Newest(Func<Order, bool> filter) =>
        customer is null ? [] : shop.OrdersOf(customer.Id, now).Where(filter).Take(3).Select(o => o.Number).ToList();

    private InvoiceResult Invoice(string number) => Find(number) switch
    {
        null => new InvoiceResult("not_found", number, "", ""),
        { } o when OrderTimeline.StatusAt(o, now) == OrderStatus.Cancelled => new InvoiceResult("no_invoice", o.Number, "", ""),
        { } o => new InvoiceResult("sent", o.Number, Formats.MaskEmail(customer!.Email), Formats.Money(o.Total)),
    };

    private OrderActionResult Cancel(string number) => Find(number) switch
    {
        null => new OrderActionResult("not_found", number, ""),
        { } o when OrderTimeline.StatusAt(o, now) != OrderStatus.Processing => new OrderActionResult("not_possible", o.Number, OrderTimeline.StatusAt(o, now).ToString().ToLowerInvariant()),
        { } o => new OrderActionResult("done", o.Number, Formats.Money(o.Total)),
    };

    private OrderActionResult StartReturn(string number)
    {
        if (Find(number) is not { } order) return new OrderActionResult("not_found", number, "");
        var eligibility = OrderTimeline.ReturnEligibility(order, now);
        if (eligibility != "eligible") return new OrderActionResult(eligibility, order.Number, OrderTimeline.StatusAt(order, now).ToString().ToLowerInvariant());
        var freeLabel = customer!.Tier is CustomerTier.Gold or CustomerTier.Vip;
        var refund = freeLabel ? order.Total : Math.Max(0, order.Total - OrdersPlugin.ReturnLabelFee);
        return new OrderActionResult("done", order.Number, Formats.Money(refund)) { FreeLabel = freeLabel };
    }

    /// <summary>The number as a customer types it, one of the formats the entity extractor reads.</summary>
    public static string Typed(string number, int style) => style switch
    {
        0 or 1 or 2 => number,
        3 => number.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal),
        4 => number.Replace("-", " ", StringComparison.Ordinal),
        5 => "#" + number[3..],
        _ => number[3..].ToString(CultureInfo.InvariantCulture),
    };
}

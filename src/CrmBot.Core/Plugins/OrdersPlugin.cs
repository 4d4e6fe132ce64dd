using System.ComponentModel;
using CrmBot.Core.Turns;
using CrmBot.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;
using CrmBot.Core.Messages;

namespace CrmBot.Core.Plugins;

/// <summary>The verified customer's orders: status, cancellation, address changes, returns, refunds, invoices. Other customers' orders are invisible.</summary>
public sealed class OrdersPlugin(ICustomerTurn turn)
{
    public static readonly TimeSpan ReturnWindow = TimeSpan.FromDays(30);

    /// <summary>Every product carries a 2-year warranty from delivery (Brightwave Care extends it).</summary>
    public const int WarrantyYears = 2;
    public const decimal ReturnLabelFee = 4.95m;

    [KernelFunction("recent_orders"), Description("Numbers of the verified customer's three most recent orders, newest first.")]
    public Task<IReadOnlyList<string>> RecentOrdersAsync(CancellationToken ct) => NewestNumbersAsync(o => true, ct);

    // The query form of ReturnEligibility's "eligible".
    [KernelFunction("returnable_orders"), Description("Numbers of the verified customer's orders that can still be returned for a refund (delivered within 30 days, no return yet), newest first.")]
    public Task<IReadOnlyList<string>> ReturnableOrdersAsync(CancellationToken ct)
    {
        var since = turn.Now - ReturnWindow;
        return NewestNumbersAsync(o => o.Status == OrderStatus.Delivered && o.RefundStatus == RefundStatus.None && o.DeliveredAt >= since, ct);
    }

    [KernelFunction("cancellable_orders"), Description("Numbers of the verified customer's orders that can still be cancelled or re-addressed (not dispatched yet), newest first.")]
    public Task<IReadOnlyList<string>> CancellableOrdersAsync(CancellationToken ct) =>
        NewestNumbersAsync(o => o.Status == OrderStatus.Processing, ct);

    [KernelFunction("refund_orders"), Description("Numbers of the verified customer's orders with a refund requested, on its way or paid, newest first.")]
    public Task<IReadOnlyList<string>> RefundOrdersAsync(CancellationToken ct) =>
        NewestNumbersAsync(o => o.RefundStatus != RefundStatus.None, ct);

    [KernelFunction("delivered_orders"), Description("Numbers of the verified customer's delivered orders, newest first.")]
    public Task<IReadOnlyList<string>> DeliveredOrdersAsync(CancellationToken ct) =>
        NewestNumbersAsync(o => o.Status == OrderStatus.Delivered, ct);

    /// <summary>The numbers of the verified customer's three newest orders that match <paramref name="filter"/>; none for a guest.</summary>
    private async Task<IReadOnlyList<string>> NewestNumbersAsync(System.Linq.Expressions.Expression<Func<Order, bool>> filter, CancellationToken ct) =>
        turn.Customer is null ? [] : await turn.Db.Orders.Where(o => o.CustomerId == turn.Customer.Id).Where(filter)
            .OrderByDescending(o => o.PlacedAt).Select(o => o.Number).Take(3).ToListAsync(ct);

    [KernelFunction("get_order"), Description("Status, items, delivery and refund details of one of the verified customer's orders.")]
    public async Task<OrderDetails> GetOrderAsync([Description("Order number such as BW-123456")] string order_number, CancellationToken ct)
    {
        var order = await FindAsync(order_number, ct);
        return order is null ? OrderDetails.NotFound(order_number) : Describe(order);
    }

    [KernelFunction("cancel_order"), Description("Cancels an order that has not been dispatched yet. Free of charge; the full amount is refunded.")]
    public async Task<OrderActionResult> CancelOrderAsync([Description("Order number")] string order_number, CancellationToken ct)
    {
        var order = await FindAsync(order_number, ct);
        if (order is null)
        {
            return new OrderActionResult("not_found", order_number, "");
        }
        if (order.Status != OrderStatus.Processing)
        {
            return new OrderActionResult("not_possible", order.Number, order.Status.ToString().ToLowerInvariant());
        }
        order.Status = OrderStatus.Cancelled;
        order.CancelledAt = turn.Now;
        order.RefundAmount = order.Total;
        order.RefundStatus = RefundStatus.Refunded;
        order.RefundedAt = turn.Now;
        return new OrderActionResult("done", order.Number, Formats.Money(order.Total));
    }

    [KernelFunction("change_address"), Description("Changes the delivery address of an order that has not been dispatched yet.")]
    public async Task<OrderActionResult> ChangeAddressAsync(
        [Description("Order number")] string order_number,
        [Description("New street address (first line)")] string address,
        [Description("New UK postcode")] string postcode,
        CancellationToken ct)
    {
        var order = await FindAsync(order_number, ct);
        if (order is null)
        {
            return new OrderActionResult("not_found", order_number, "");
        }
        if (order.Status != OrderStatus.Processing)
        {
            return new OrderActionResult("not_possible", order.Number, order.Status.ToString().ToLowerInvariant());
        }
        order.ShipToAddressLine1 = address.Length > 200 ? address[..200] : address;
        order.ShipToAddressLine2 = null;
        order.ShipToPostcode = postcode;
        return new OrderActionResult("done", order.Number, $"{order.ShipToAddressLine1}, {postcode}");
    }

    [KernelFunction("start_return"), Description("Starts a return for a refund, if the order was delivered within the last 30 days.")]
    public async Task<OrderActionResult> StartReturnAsync([Description("Order number")] string order_number, [Description("Why the customer returns it")] string reason, CancellationToken ct)
    {
        var order = await FindAsync(order_number, ct);
        if (order is null)
        {
            return new OrderActionResult("not_found", order_number, "");
        }
        var eligibility = ReturnEligibility(order);
        if (eligibility != "eligible")
        {
            return new OrderActionResult(eligibility, order.Number, order.Status.ToString().ToLowerInvariant());
        }
        order.ReturnRequestedAt = turn.Now;
        order.ReturnReason = reason.Length > 500 ? reason[..500] : reason;
        order.RefundStatus = RefundStatus.Requested;
        var freeLabel = turn.Customer!.Tier is Customers.CustomerTier.Gold or Customers.CustomerTier.Vip;
        var refund = freeLabel ? order.Total : Math.Max(0, order.Total - ReturnLabelFee);
        return new OrderActionResult("done", order.Number, Formats.Money(refund)) { FreeLabel = freeLabel };
    }

    [KernelFunction("send_invoice"), Description("Emails the VAT invoice (PDF) of an order to the verified customer's address.")]
    public async Task<InvoiceResult> SendInvoiceAsync([Description("Order number")] string order_number, CancellationToken ct)
    {
        var order = await FindAsync(order_number, ct);
        if (order is null)
        {
            return new InvoiceResult("not_found", order_number, "", "");
        }
        // Invoices exist once an order is paid; the mail system sends the PDF, this records the request.
        return order.Status == OrderStatus.Cancelled
            ? new InvoiceResult("no_invoice", order.Number, "", "")
            : new InvoiceResult("sent", order.Number, Formats.MaskEmail(turn.Customer!.Email), Formats.Money(order.Total));
    }

    private async Task<Order?> FindAsync(string orderNumber, CancellationToken ct)
    {
        if (turn.Customer is null || string.IsNullOrWhiteSpace(orderNumber))
        {
            return null;
        }
        var number = orderNumber.Trim().ToUpperInvariant();
        var order = await turn.Db.Orders.FirstOrDefaultAsync(o => o.Number == number && o.CustomerId == turn.Customer.Id, ct);
        if (order is not null)
        {
            // A second keyed query: EF's single-query Include joins the lines through a subquery that SQLite scans
            // for every order line in the shop (15 ms a turn, measured).
            await turn.Db.Entry(order).Collection(o => o.Lines).Query().Include(l => l.Product).LoadAsync(ct);
        }
        return order;
    }

    private string ReturnEligibility(Order order) => order.Status switch
    {
        OrderStatus.Processing or OrderStatus.Shipped => "not_delivered",
        OrderStatus.Cancelled => "cancelled",
        OrderStatus.Returned or OrderStatus.Refunded => "already_returned",
        _ when order.RefundStatus != RefundStatus.None => "already_returned",
        _ when order.DeliveredAt is { } d && turn.Now - d > ReturnWindow => "too_late",
        _ => "eligible",
    };

    private OrderDetails Describe(Order order)
    {
        var items = order.Lines.Select(l => l.Quantity > 1 ? $"{l.Quantity} × {l.Product?.Name}" : l.Product?.Name ?? "item").ToList();
        var returnBy = order.DeliveredAt?.Add(ReturnWindow);
        return new OrderDetails(
            Found: true,
            Number: order.Number,
            Status: order.Status.ToString().ToLowerInvariant(),
            Placed: Formats.Date(order.PlacedAt),
            Items: string.Join(", ", items),
            Total: Formats.Money(order.Total),
            DeliveryMethod: order.DeliveryMethod,
            Carrier: order.Carrier ?? "",
            TrackingNumber: order.TrackingNumber ?? "",
            Eta: order.EstimatedDeliveryAt is { } eta ? Formats.Day(eta) : "",
            Delivered: order.DeliveredAt is { } delivered ? Formats.Date(delivered) : "",
            ReturnEligibility: ReturnEligibility(order),
            ReturnBy: returnBy is { } rb ? Formats.Date(rb) : "",
            RefundStatus: order.RefundStatus.ToString().ToLowerInvariant(),
            RefundAmount: order.RefundAmount is { } amount ? Formats.Money(amount) : "",
            Refunded: order.RefundedAt is { } refunded ? Formats.Date(refunded) : "",
            ReturnRequested: order.ReturnRequestedAt is { } rr ? Formats.Date(rr) : "",
            RefundExpectedBy: order.ReturnRequestedAt is { } requested ? Formats.Date(requested.AddDays(14)) : "",
            WarrantyStatus: order.DeliveredAt is not { } deliveredAt ? "not_delivered"
                : turn.Now < deliveredAt.AddYears(WarrantyYears) ? "in_warranty" : "expired",
            WarrantyUntil: order.DeliveredAt is { } from ? Formats.Date(from.AddYears(WarrantyYears)) : "");
    }
}

public sealed record OrderDetails(
    bool Found, string Number, string Status, string Placed, string Items, string Total, string DeliveryMethod,
    string Carrier, string TrackingNumber, string Eta, string Delivered, string ReturnEligibility, string ReturnBy,
    string RefundStatus, string RefundAmount, string Refunded, string ReturnRequested, string RefundExpectedBy,
    string WarrantyStatus, string WarrantyUntil)
{
    public static OrderDetails NotFound(string number) =>
        new(false, number, "not_found", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "");
}

public sealed record OrderActionResult(string Status, string Number, string Detail)
{
    public bool FreeLabel { get; init; }
}

public sealed record InvoiceResult(string Status, string Number, string Email, string Total);

using CrmBot.Core.Orders;
using CrmBot.Core.Plugins;
using CrmBot.Core.Products;
using CrmBot.Core.Messages;

namespace CrmBot.Core.Seeding.History;

/// <summary>
/// An order as it stood at a moment in the past. The store holds each order's current state and the times of every
/// change (placed, shipped, delivered, cancelled, returned, refunded), so the state at any earlier moment follows from
/// those times. A conversation of six weeks ago about an order delivered last week must hear "it's on its way".
/// </summary>
internal static class OrderTimeline
{
    /// <summary>After this long at the warehouse a returned parcel counts as received (as the order generator decides).</summary>
    private static readonly TimeSpan ReturnReceivedAfter = TimeSpan.FromDays(4);

    public static OrderStatus StatusAt(Order order, DateTimeOffset at) => order switch
    {
        { CancelledAt: { } cancelled } when cancelled <= at => OrderStatus.Cancelled,
        { RefundedAt: { } refunded } when refunded <= at => OrderStatus.Refunded,
        { ReturnRequestedAt: { } returned } when returned <= at => OrderStatus.Returned,
        { DeliveredAt: { } delivered } when delivered <= at => OrderStatus.Delivered,
        { ShippedAt: { } shipped } when shipped <= at => OrderStatus.Shipped,
        _ => OrderStatus.Processing,
    };

    public static RefundStatus RefundStatusAt(Order order, DateTimeOffset at) => order switch
    {
        { RefundedAt: { } refunded } when refunded <= at => RefundStatus.Refunded,
        { ReturnRequestedAt: { } returned } when returned + ReturnReceivedAfter <= at => RefundStatus.Received,
        { ReturnRequestedAt: { } returned } when returned <= at => RefundStatus.Requested,
        _ => RefundStatus.None,
    };

    /// <summary>Whether the order existed at <paramref name="at"/>.</summary>
    public static bool Exists(Order order, DateTimeOffset at) => order.PlacedAt <= at;

    /// <summary>The order's details at <paramref name="at"/> in the shape the orders plugin gives dialogs (see <see cref="OrdersPlugin"/>).</summary>
    public static OrderDetails Describe(Order order, DateTimeOffset at, IReadOnlyDictionary<int, Product> products)
    {
        var status = StatusAt(order, at);
        var shipped = order.ShippedAt is { } s && s <= at;
        var delivered = order.DeliveredAt is { } d && d <= at ? d : (DateTimeOffset?)null;
        var refund = RefundStatusAt(order, at);
        var returnRequested = order.ReturnRequestedAt is { } r && r <= at ? r : (DateTimeOffset?)null;
        var refunded = status == OrderStatus.Refunded ? order.RefundedAt : null;
        var items = order.Lines.Select(l => products.TryGetValue(l.ProductId, out var p) ? (l.Quantity > 1 ? $"{l.Quantity} × {p.Name}" : p.Name) : "item");
        return new OrderDetails(
            Found: true,
            Number: order.Number,
            Status: status.ToString().ToLowerInvariant(),
            Placed: Formats.Date(order.PlacedAt),
            Items: string.Join(", ", items),
            Total: Formats.Money(order.Total),
            DeliveryMethod: order.DeliveryMethod,
            Carrier: shipped ? order.Carrier ?? "" : "",
            TrackingNumber: shipped ? order.TrackingNumber ?? "" : "",
            Eta: shipped && order.EstimatedDeliveryAt is { } eta ? Formats.Day(eta) : "",
            Delivered: delivered is { } when ? Formats.Date(when) : "",
            ReturnEligibility: ReturnEligibility(order, at),
            ReturnBy: delivered is { } from ? Formats.Date(from + OrdersPlugin.ReturnWindow) : "",
            RefundStatus: refund.ToString().ToLowerInvariant(),
            RefundAmount: refunded is not null && order.RefundAmount is { } amount ? Formats.Money(amount) : "",
            Refunded: refunded is { } paid ? Formats.Date(paid) : "",
            ReturnRequested: returnRequested is { } requested ? Formats.Date(requested) : "",
            RefundExpectedBy: returnRequested is { } since ? Formats.Date(since.AddDays(14)) : "",
            WarrantyStatus: delivered is not { } start ? "not_delivered" : at < start.AddYears(OrdersPlugin.WarrantyYears) ? "in_warranty" : "expired",
            WarrantyUntil: delivered is { } until ? Formats.Date(until.AddYears(OrdersPlugin.WarrantyYears)) : "");
    }

    /// <summary>The plugin's return rule (delivered within 30 days, no return yet), at <paramref name="at"/>.</summary>
    public static string ReturnEligibility(Order order, DateTimeOffset at) => StatusAt(order, at) switch
    {
        OrderStatus.Processing or OrderStatus.Shipped => "not_delivered",
        OrderStatus.Cancelled => "cancelled",
        OrderStatus.Returned or OrderStatus.Refunded => "already_returned",
        _ when at - order.DeliveredAt!.Value > OrdersPlugin.ReturnWindow => "too_late",
        _ => "eligible",
    };
}

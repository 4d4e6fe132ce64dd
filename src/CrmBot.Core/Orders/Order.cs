using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CrmBot.Core.Customers;

namespace CrmBot.Core.Orders;

public enum OrderStatus { Processing, Shipped, Delivered, Cancelled, Returned, Refunded }

public enum RefundStatus { None, Requested, Received, Refunded }

public class Order
{
    public int Id { get; set; }
    /// <summary>Customer-facing number, e.g. BW-482913.</summary>
    public required string Number { get; set; }
    /// <summary>Null once the customer was erased: the order stays for accounting without them.</summary>
    public int? CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public OrderStatus Status { get; set; }
    public required string DeliveryMethod { get; set; }
    public decimal DeliveryCost { get; set; }
    public decimal Total { get; set; }
    public required string PaymentMethod { get; set; }
    public required string ShipToName { get; set; }
    public required string ShipToAddressLine1 { get; set; }
    public string? ShipToAddressLine2 { get; set; }
    public required string ShipToCity { get; set; }
    public required string ShipToPostcode { get; set; }
    public string? Carrier { get; set; }
    public string? TrackingNumber { get; set; }
    public DateTimeOffset? ShippedAt { get; set; }
    public DateTimeOffset? EstimatedDeliveryAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public RefundStatus RefundStatus { get; set; }
    public DateTimeOffset? ReturnRequestedAt { get; set; }
    public string? ReturnReason { get; set; }
    public decimal? RefundAmount { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }

    public List<OrderLine> Lines { get; } = [];
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("Orders");
        b.Property(o => o.Number).HasMaxLength(20);
        b.HasIndex(o => o.Number).IsUnique();
        b.HasIndex(o => new { o.CustomerId, o.PlacedAt });
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.RefundStatus).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.DeliveryMethod).HasMaxLength(40);
        b.Property(o => o.PaymentMethod).HasMaxLength(40);
        b.Property(o => o.DeliveryCost).HasPrecision(10, 2);
        b.Property(o => o.Total).HasPrecision(12, 2);
        b.Property(o => o.RefundAmount).HasPrecision(12, 2);
        b.Property(o => o.ShipToName).HasMaxLength(200);
        b.Property(o => o.ShipToAddressLine1).HasMaxLength(200);
        b.Property(o => o.ShipToAddressLine2).HasMaxLength(200);
        b.Property(o => o.ShipToCity).HasMaxLength(100);
        b.Property(o => o.ShipToPostcode).HasMaxLength(20);
        b.Property(o => o.Carrier).HasMaxLength(40);
        b.Property(o => o.TrackingNumber).HasMaxLength(60);
        b.Property(o => o.ReturnReason).HasMaxLength(500);
        b.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Bogus;
using CrmBot.Core.Customers;
using CrmBot.Core.Orders;
using CrmBot.Core.Products;

namespace CrmBot.Core.Seeding;

/// <summary>
/// Makes orders whose basket, delivery, payment and status history follow the shop brief.
/// Every random value of an order is drawn whatever its status, so the reference date changes only
/// timestamps and statuses, never which products, numbers or carriers the sequence produces.
/// </summary>
internal sealed class OrderGenerator
{
    public const string Standard = "Standard";
    public const string Express = "Express";
    public const string NominatedDay = "Nominated day";
    public const string TwoPerson = "Two-person";

    private const string LargeItemTag = "two-person delivery";
    private const decimal FreeStandardFrom = 50m;
    private const decimal ReturnLabelFee = 4.95m;
    private const double CancelRate = 0.06, ReturnRate = 0.05, RefundRate = 0.03;
    private const double AddOnPriceLean = -1.0;

    private static readonly string[] PaymentMethods = ["Visa", "Mastercard", "American Express", "PayPal", "Apple Pay", "Google Pay", "Klarna", "Gift card"];
    private static readonly double[] PaymentWeights = [0.30, 0.22, 0.05, 0.18, 0.10, 0.05, 0.08, 0.02];
    private static readonly int[] LineCounts = [1, 2, 3, 4];
    private static readonly double[] LineCountWeights = [0.55, 0.28, 0.12, 0.05];
    private static readonly (string Reason, bool Faulty)[] ReturnReasons =
    [
        ("Changed my mind", false), ("No longer needed", false), ("Found a better price elsewhere", false),
        ("Ordered by mistake", false), ("Not compatible with my device", false), ("Faulty on arrival", true),
        ("Arrived damaged", true), ("Stopped working after a few days", true), ("Not as described", true), ("Wrong item sent", true),
    ];

    private readonly Randomizer random;
    private readonly DateTimeOffset now;
    private readonly Product[] products;
    private readonly HashSet<int> largeItems;
    private readonly Dictionary<CustomerTier, double[]> cumulativeWeights;
    private readonly double[] addOnWeights;
    private readonly HashSet<string> numbers;

    public OrderGenerator(Randomizer random, DateTimeOffset now, IReadOnlyList<Product> products, IEnumerable<string> reservedNumbers)
    {
        this.random = random;
        this.now = now;
        this.products = [.. products];
        largeItems = [.. this.products.Where(p => p.Tags.Split(',').Contains(LargeItemTag, StringComparer.OrdinalIgnoreCase)).Select(p => p.Id)];
        cumulativeWeights = Enum.GetValues<CustomerTier>().ToDictionary(t => t, t => CumulativeWeights(PriceLean(t)));
        addOnWeights = CumulativeWeights(AddOnPriceLean);
        numbers = new HashSet<string>(reservedNumbers, StringComparer.Ordinal);
    }

    /// <summary>A random order placed at <paramref name="placedAt"/>, in whatever status its age and fate give it by now.</summary>
    public Order CreateRandom(Customer customer, DateTimeOffset placedAt)
    {
        var number = NextNumber();
        return Create(customer, number, placedAt, PickLines(customer.Tier));
    }

    /// <summary>An order of what a shopper with tastes would buy next (<see cref="ShopperBaskets"/>), in whatever status its age and fate give it by now.</summary>
    public Order CreateFor(Customer customer, ShopperBaskets baskets, DateTimeOffset placedAt)
    {
        var number = NextNumber();
        return Create(customer, number, placedAt, baskets.Next(this, customer.Tier));
    }

    private Order Create(Customer customer, string number, DateTimeOffset placedAt, IReadOnlyList<(Product Product, int Quantity)> lines)
    {
        var order = CreateBasket(customer, number, placedAt, lines);

        var fate = random.Double();
        var cancelFraction = random.Double(0.1, 0.9);
        var shippedAt = Dispatch(placedAt + TimeSpan.FromHours(random.Double(3, 30)));
        var estimatedAt = EstimateDelivery(order.DeliveryMethod, shippedAt);
        var deliveredAt = AtHour(WorkingDays.Add(estimatedAt, random.Weighted([0, 1, 2], [0.88, 0.09, 0.03])), random.Double(8, 18));
        var (carrier, tracking) = DrawShipment(order.DeliveryMethod);
        var returnAt = deliveredAt + TimeSpan.FromHours(random.Double(20, 28 * 24));
        var (reason, faulty) = random.ArrayElement(ReturnReasons);
        var refundAt = returnAt + TimeSpan.FromDays(random.Double(3, 9));

        var cancelAt = placedAt + (shippedAt - placedAt) * cancelFraction;
        if (fate < CancelRate && cancelAt <= now) return MarkCancelled(order, cancelAt);
        if (shippedAt > now) return order;
        MarkShipped(order, carrier, tracking, shippedAt, estimatedAt);
        if (deliveredAt > now) return order;
        MarkDelivered(order, deliveredAt);
        if (fate < CancelRate || fate >= CancelRate + ReturnRate + RefundRate || returnAt > now) return order;
        MarkReturned(order, returnAt, reason, now - returnAt >= TimeSpan.FromDays(4) ? RefundStatus.Received : RefundStatus.Requested);
        if (fate >= CancelRate + ReturnRate && refundAt <= now) MarkRefunded(order, refundAt, RefundAmount(order, faulty, customer.Tier));
        return order;
    }

    public string NextNumber()
    {
        string number;
        do number = $"BW-{random.Number(100000, 999999)}";
        while (!numbers.Add(number));
        return number;
    }

    public List<(Product Product, int Quantity)> PickLines(CustomerTier tier)
    {
        var count = random.Weighted(LineCounts, LineCountWeights);
        var lines = new List<(Product Product, int Quantity)>(count);
        for (var attempt = 0; lines.Count < count && attempt < count * 4; attempt++)
        {
            var product = PickProduct(lines.Count == 0 ? cumulativeWeights[tier] : addOnWeights);
            var quantity = Quantity(product);
            if (lines.TrueForAll(l => l.Product.Id != product.Id)) lines.Add((product, quantity));
        }
        return lines;
    }

    /// <summary>How many lines the next basket has.</summary>
    public int LineCount() => random.Weighted(LineCounts, LineCountWeights);

    /// <summary>Cheap items (cables, bulbs) are often bought two or three at a time; expensive ones almost never.</summary>
    public int Quantity(Product product) => product.Price < 30m ? random.Weighted([1, 2, 3], [0.7, 0.22, 0.08]) : random.Bool(0.04f) ? 2 : 1;

    /// <summary>A product drawn by popularity and the tier's price lean from <paramref name="among"/>, or a cheap add-on from the whole catalogue.</summary>
    public Product PickProduct(CustomerTier tier, Func<Product, bool>? among = null, bool addOn = false)
    {
        if (among is null) return PickProduct(addOn ? addOnWeights : cumulativeWeights[tier]);
        var choices = products.Where(among).ToArray();
        if (choices.Length == 0) return PickProduct(cumulativeWeights[tier]);
        var lean = addOn ? AddOnPriceLean : PriceLean(tier);
        return random.Weighted(choices, [.. choices.Select(p => Weight(p, lean))]);
    }

    /// <summary>A processing order: lines, delivery option and cost, payment, and the customer's address as ship-to.</summary>
    public Order CreateBasket(Customer customer, string number, DateTimeOffset placedAt, IReadOnlyList<(Product Product, int Quantity)> lines)
    {
        var subtotal = lines.Sum(l => l.Product.Price * l.Quantity);
        var method = lines.Any(l => largeItems.Contains(l.Product.Id))
            ? TwoPerson
            : customer.Tier == CustomerTier.Vip
                ? random.Weighted([Express, Standard, NominatedDay], [0.6, 0.35, 0.05])
                : random.Weighted([Standard, Express, NominatedDay], [0.78, 0.17, 0.05]);
        var deliveryCost = method switch
        {
            Standard => subtotal >= FreeStandardFrom ? 0m : 3.99m,
            Express => customer.Tier == CustomerTier.Vip ? 0m : 7.99m,
            NominatedDay => 9.99m,
            _ => 19.99m,
        };
        var order = new Order
        {
            Number = number,
            Customer = customer,
            PlacedAt = placedAt,
            Status = OrderStatus.Processing,
            DeliveryMethod = method,
            DeliveryCost = deliveryCost,
            Total = subtotal + deliveryCost,
            PaymentMethod = random.Weighted(PaymentMethods, PaymentWeights),
            ShipToName = customer.FullName,
            ShipToAddressLine1 = customer.AddressLine1,
            ShipToAddressLine2 = customer.AddressLine2,
            ShipToCity = customer.City,
            ShipToPostcode = customer.Postcode,
        };
        order.Lines.AddRange(lines.Select(l => new OrderLine { ProductId = l.Product.Id, Quantity = l.Quantity, UnitPrice = l.Product.Price }));
        return order;
    }

    /// <summary>Carrier and a tracking number in that carrier's format; which carriers serve an option follows their services.</summary>
    public (string Carrier, string TrackingNumber) DrawShipment(string deliveryMethod)
    {
        var carrier = deliveryMethod switch
        {
            Standard => random.Weighted(["Royal Mail", "Evri", "DPD"], [0.45, 0.30, 0.25]),
            Express => random.Weighted(["DPD", "Royal Mail", "DHL"], [0.5, 0.3, 0.2]),
            NominatedDay => random.Weighted(["DPD", "DHL"], [0.7, 0.3]),
            _ => random.Weighted(["DHL", "DPD"], [0.6, 0.4]),
        };
        return (carrier, TrackingNumbers.Create(carrier, random));
    }

    public DateTimeOffset EstimateDelivery(string deliveryMethod, DateTimeOffset shippedAt)
    {
        var transitDays = deliveryMethod switch
        {
            Standard => random.Number(2, 4),
            Express => 1,
            NominatedDay => random.Number(1, 5),
            _ => random.Number(4, 6),
        };
        return AtHour(WorkingDays.Add(shippedAt, transitDays), 18);
    }

    public static Order MarkCancelled(Order order, DateTimeOffset at)
    {
        order.Status = OrderStatus.Cancelled;
        order.CancelledAt = at;
        return order;
    }

    public static void MarkShipped(Order order, string carrier, string trackingNumber, DateTimeOffset shippedAt, DateTimeOffset estimatedAt)
    {
        order.Status = OrderStatus.Shipped;
        order.Carrier = carrier;
        order.TrackingNumber = trackingNumber;
        order.ShippedAt = shippedAt;
        order.EstimatedDeliveryAt = estimatedAt;
    }

    public static void MarkDelivered(Order order, DateTimeOffset at)
    {
        order.Status = OrderStatus.Delivered;
        order.DeliveredAt = at;
    }

    public static void MarkReturned(Order order, DateTimeOffset requestedAt, string reason, RefundStatus refundStatus)
    {
        order.Status = OrderStatus.Returned;
        order.ReturnRequestedAt = requestedAt;
        order.ReturnReason = reason;
        order.RefundStatus = refundStatus;
    }

    public static void MarkRefunded(Order order, DateTimeOffset at, decimal amount)
    {
        order.Status = OrderStatus.Refunded;
        order.RefundStatus = RefundStatus.Refunded;
        order.RefundAmount = amount;
        order.RefundedAt = at;
    }

    /// <summary>The brief: the return label is free for faulty items and for Gold/VIP members, otherwise £4.95 comes off the refund.</summary>
    public static decimal RefundAmount(Order order, bool faulty, CustomerTier tier) =>
        faulty || tier is CustomerTier.Gold or CustomerTier.Vip ? order.Total : Math.Max(0m, order.Total - ReturnLabelFee);

    public static DateTimeOffset AtHour(DateTimeOffset day, double hour) =>
        new DateTimeOffset(day.UtcDateTime.Date, TimeSpan.Zero) + TimeSpan.FromMinutes(Math.Round(hour * 60));

    private static DateTimeOffset Dispatch(DateTimeOffset ready) =>
        WorkingDays.IsWorkingDay(ready) ? ready : AtHour(WorkingDays.Add(ready, 1), 9.5);

    private Product PickProduct(double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.Double(0, cumulative[^1]));
        return products[Math.Min(index < 0 ? ~index : index, products.Length - 1)];
    }

    // Weight = popularity × (price / £150)^lean. Higher tiers lean towards pricier items; the second and later lines of
    // an order lean hard towards cheap add-ons (cables, cases, chargers), as real baskets do.
    private static double PriceLean(CustomerTier tier) => tier switch
    {
        CustomerTier.Standard => -0.7,
        CustomerTier.Silver => -0.45,
        CustomerTier.Gold => -0.2,
        _ => 0.1,
    };

    private double[] CumulativeWeights(double lean)
    {
        var sum = 0.0;
        return [.. products.Select(p => sum += Weight(p, lean))];
    }

    private static double Weight(Product p, double lean) => p.Popularity * Math.Pow((double)p.Price / 150.0, lean);
}

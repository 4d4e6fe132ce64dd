namespace CrmBot.Intelligence.Recommendations;

/// <summary>
/// One line of a customer's purchase history, the only input the recommender learns from: who bought what, of which
/// category, when, how many and at what unit price. Plain values, so the shop's orders and a public data set read alike.
/// </summary>
public sealed record Purchase(string Customer, string Item, string Category, DateTimeOffset At, double Quantity, double Price);

namespace CrmBot.Core.Recommendations;

/// <summary>One chosen product, why it was chosen (said to the customer) and which strategy chose it (kept for evaluation).</summary>
internal sealed record Pick(ProductProfile Profile, string Reason, string Strategy);

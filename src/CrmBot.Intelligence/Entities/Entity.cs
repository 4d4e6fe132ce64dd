namespace CrmBot.Intelligence.Entities;

/// <summary>A value found in a message. <see cref="Value"/> is normalised (order numbers as BW-123456, dates as ISO, money as a decimal string, products as their SKU).</summary>
public sealed record Entity(string Type, string Value, int Start, int Length)
{
    public override string ToString() => $"{Type}={Value}";
}

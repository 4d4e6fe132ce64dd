using CrmBot.Intelligence.Privacy;

namespace CrmBot.Tests.Privacy;

public class PiiRedactorTests
{
    [Fact]
    public void Card_email_and_phone_are_replaced_and_the_raw_values_are_gone()
    {
        var result = PiiRedactor.Redact("card 4111-1111-1111-1111, mail bob.smith@example.com or call 07700 900123");
        Assert.DoesNotContain("4111", result.Text);
        Assert.DoesNotContain("bob.smith", result.Text);
        Assert.DoesNotContain("900123", result.Text);
        Assert.Contains(PiiRedactor.CardPlaceholder, result.Text);
        Assert.Contains(PiiRedactor.EmailPlaceholder, result.Text);
        Assert.Contains(PiiRedactor.PhonePlaceholder, result.Text);
        Assert.Equal(["card", "email", "phone"], result.Kinds);
    }

    [Theory]
    [InlineData("where is BW-482913")]
    [InlineData("I paid £1,299.00 on 12/10/2026")]
    [InlineData("my postcode is M1 4BT")]
    public void Order_numbers_amounts_dates_and_postcodes_are_kept(string text)
    {
        var result = PiiRedactor.Redact(text);
        Assert.Equal(text, result.Text);
        Assert.False(result.Changed);
    }

    [Fact]
    public void A_long_number_that_fails_the_luhn_check_is_not_a_card() =>
        Assert.DoesNotContain(PiiRedactor.CardPlaceholder, PiiRedactor.Redact("tracking 1234567812345678").Text);
}

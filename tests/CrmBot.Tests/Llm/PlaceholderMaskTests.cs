using CrmBot.Intelligence.Privacy;

namespace CrmBot.Tests.Llm;

public sealed class PlaceholderMaskTests
{
    [Fact]
    public void Known_values_and_patterns_become_numbered_placeholders_and_come_back()
    {
        var mask = new PlaceholderMask().Know(PlaceholderMask.CustomerName, "Alice Morgan").Know(PlaceholderMask.Address, "12 Elm Road");
        const string text = "alice morgan of 12 Elm Road, alice@example.com, 07700 900123, orders BW-123456 and bw-654321, card 4111 1111 1111 1111";

        var masked = mask.Mask(text);

        Assert.Equal("[CUSTOMER_NAME_1] of [ADDRESS_1], [EMAIL_1], [PHONE_1], orders [ORDER_NUMBER_1] and [ORDER_NUMBER_2], card [CARD_NUMBER_1]", masked);
        Assert.Equal("Alice Morgan of 12 Elm Road, alice@example.com, 07700 900123, orders BW-123456 and BW-654321, card 4111 1111 1111 1111",
            mask.Restore(masked));
    }

    [Fact]
    public void The_same_value_keeps_its_placeholder_across_texts_and_unknown_placeholders_stay()
    {
        var mask = new PlaceholderMask();
        Assert.Equal("[EMAIL_1]", mask.Mask("bob@example.com"));
        Assert.Equal("write to [EMAIL_1] or [EMAIL_2]", mask.Mask("write to bob@example.com or carol@example.com"));
        Assert.Equal("bob@example.com and [EMAIL_9]", mask.Restore("[EMAIL_1] and [EMAIL_9]"));
    }

    [Fact]
    public void Short_names_do_not_mask_ordinary_words()
    {
        var mask = new PlaceholderMask().Know(PlaceholderMask.CustomerName, "Al");
        Assert.Equal("All fine, also tall", mask.Mask("All fine, also tall"));
        Assert.Equal(0, mask.Count);
    }
}

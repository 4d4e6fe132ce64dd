using CrmBot.Core.Understanding;

namespace CrmBot.Tests.Understanding;

public class InputCleanerTests
{
    [Fact]
    public void Control_characters_are_removed_and_flagged()
    {
        var result = InputCleaner.Clean("where\u0000 is\u0007 my\r\norder\u001b", 2000);
        Assert.Equal("where is my order", result.Text);
        Assert.Contains(InputCleaner.ControlCharacters, result.Flags);
    }

    [Fact]
    public void Overlong_text_is_cut_to_the_limit_and_flagged()
    {
        var result = InputCleaner.Clean(new string('a', 5000), 2000);
        Assert.Equal(2000, result.Text.Length);
        Assert.Contains(InputCleaner.Truncated, result.Flags);
    }

    [Fact]
    public void Cutting_never_splits_an_emoji()
    {
        var result = InputCleaner.Clean(new string('a', 1999) + "😀😀", 2000);
        Assert.Equal(new string('a', 1999), result.Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t  ")]
    public void Missing_or_blank_text_becomes_empty(string? raw) => Assert.Equal("", InputCleaner.Clean(raw, 2000).Text);

    [Theory]
    [InlineData("😡😡😡", true)]
    [InlineData("👍", true)]
    [InlineData("❤️ 🎉", true)]
    [InlineData("great 👍", false)]
    [InlineData("123", false)]
    public void Emoji_only_messages_are_recognised(string text, bool expected) => Assert.Equal(expected, TextTraits.IsEmojiOnly(text));

    [Theory]
    [InlineData("¿Dónde está mi pedido?", true)]
    [InlineData("Wo ist meine Bestellung und warum dauert das", true)]
    [InlineData("Где мой заказ?", true)]
    [InlineData("where is my order", false)]
    [InlineData("la la land is my favourite film, where is my order", false)]
    public void Non_english_messages_are_recognised(string text, bool expected) => Assert.Equal(expected, TextTraits.LooksForeign(text));
}

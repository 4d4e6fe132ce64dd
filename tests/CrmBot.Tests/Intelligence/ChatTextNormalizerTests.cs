using CrmBot.Intelligence.Classification;

namespace CrmBot.Tests.Intelligence;

public class ChatTextNormalizerTests
{
    [Theory]
    [InlineData("Where IS my Order?", "where is my order ?")]
    [InlineData("has BW-482913 shipped", "has bw 000 shipped")]
    [InlineData("#664019 in 2 days", "000 in 0 days")]
    [InlineData("I'm sure it's fine", "im sure its fine")]
    [InlineData("Café crème, naïve", "cafe creme naive")]
    [InlineData("sooooo goooood", "soo good")]
    public void Casing_digits_apostrophes_accents_and_stretched_letters_are_normalized(string text, string expected)
    {
        Assert.Equal(expected, ChatTextNormalizer.Normalize(text));
    }

    [Fact]
    public void Different_order_numbers_normalize_to_the_same_text()
    {
        Assert.Equal(ChatTextNormalizer.Normalize("order BW-111111 please"), ChatTextNormalizer.Normalize("order bw 987654 please"));
    }

    [Fact]
    public void Emoji_are_kept_as_tokens_without_skin_tone_modifiers()
    {
        Assert.Equal("thanks 👍 great 😍", ChatTextNormalizer.Normalize("thanks👍🏽 great😍"));
    }

    [Fact]
    public void Emoticons_become_the_matching_emoji()
    {
        Assert.Equal("late again 🙁 but ok 🙂", ChatTextNormalizer.Normalize("late again :( but ok :-)"));
    }

    [Fact]
    public void Long_runs_of_the_same_emoji_or_mark_are_capped()
    {
        Assert.Equal("no 😡 😡 !!", ChatTextNormalizer.Normalize("NO 😡😡😡😡😡 !!!!!"));
    }

    [Fact]
    public void Shouting_adds_one_marker_token()
    {
        Assert.Equal("where is my order allcaps", ChatTextNormalizer.Normalize("WHERE IS MY ORDER"));
        Assert.Equal("is dhl late", ChatTextNormalizer.Normalize("is DHL late"));
    }

    [Fact]
    public void Placeholder_becomes_a_single_token()
    {
        Assert.Equal("where is {order_number} now", ChatTextNormalizer.Normalize("where is {{Order Number}} now"));
    }

    [Fact]
    public void Links_addresses_and_mentions_become_tokens()
    {
        Assert.Equal(
            "@user see url or mail email",
            ChatTextNormalizer.Normalize("@United see https://t.co/abc123 or mail jo.smith+x@example.co.uk"));
    }

    [Fact]
    public void Negation_marks_the_next_words_up_to_a_clause_boundary()
    {
        Assert.Equal(
            "not neg_happy neg_with neg_it but fine",
            ChatTextNormalizer.Normalize("not happy with it, but fine", markNegation: true));
        Assert.Equal("didnt neg_work", ChatTextNormalizer.Normalize("didn't work", markNegation: true));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \t\n")]
    [InlineData("...,;")]
    public void Empty_or_punctuation_only_text_normalizes_to_empty(string? text)
    {
        Assert.Equal("", ChatTextNormalizer.Normalize(text));
    }

    [Fact]
    public void Broken_surrogates_do_not_throw()
    {
        Assert.Equal("ok", ChatTextNormalizer.Normalize("ok \ud800"));
    }
}

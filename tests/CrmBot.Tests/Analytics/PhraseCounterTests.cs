using CrmBot.Core.Analytics;

namespace CrmBot.Tests.Analytics;

public sealed class PhraseCounterTests
{
    [Fact]
    public void Phrases_do_not_start_or_end_with_filler_words_but_may_start_with_a_negation()
    {
        var phrases = PhraseCounter.PhrasesOf("My headphones are not working at all");

        Assert.Contains("headphones", phrases);
        Assert.Contains("not working", phrases);
        Assert.Contains("working", phrases);
        Assert.DoesNotContain("my headphones", phrases);
        Assert.DoesNotContain("are not", phrases);
        Assert.DoesNotContain("not", phrases);
        Assert.DoesNotContain("working at", phrases);
    }

    [Fact]
    public void Numbers_order_references_placeholders_and_punctuation_break_phrases()
    {
        var phrases = PhraseCounter.PhrasesOf("Order BW-482913 arrived broken. Email [email] refund please, 3 times!");

        Assert.Contains("arrived broken", phrases);
        Assert.Contains("order", phrases);
        Assert.DoesNotContain("order arrived", phrases);
        Assert.DoesNotContain("broken email", phrases);
        Assert.DoesNotContain("email refund", phrases);
        Assert.DoesNotContain(phrases, p => p.Any(char.IsDigit) || p.Contains('['));
    }

    [Fact]
    public void Phrases_are_lower_case_and_keep_apostrophes_inside_words()
    {
        var phrases = PhraseCounter.PhrasesOf("It DOESN’T charge");

        Assert.Contains("doesn't charge", phrases);
        Assert.Contains("charge", phrases);
    }

    [Fact]
    public void A_driver_appears_in_at_least_two_negative_messages_and_more_often_than_in_the_other_messages()
    {
        string[] negative = ["my order is late again", "order late, useless", "the order never came", "useless service"];
        string[] others = ["where is my order", "order status please", "thanks for the order"];

        var drivers = PhraseCounter.Drivers(negative, others, max: 10);

        // "order" is in 3 of 4 negative messages but all 3 others: it is just the topic.
        Assert.Equal([new DrivingPhrase("late", 2, 0.5, 0), new DrivingPhrase("useless", 2, 0.5, 0)], drivers);
    }

    [Fact]
    public void A_phrase_inside_a_longer_one_found_in_as_many_messages_is_left_out()
    {
        string[] negative = ["still not arrived", "it has still not arrived", "not arrived yet, nothing arrived"];

        var drivers = PhraseCounter.Drivers(negative, [], max: 10);

        // "not arrived" (3) hides "arrived" (3); "still not arrived" (2) hides "still" (2) but not "not arrived" (3).
        Assert.Equal([("not arrived", 3), ("still not arrived", 2)], drivers.Select(d => (d.Phrase, d.Messages)));
    }

    [Fact]
    public void A_phrase_counts_once_per_message_and_max_limits_the_list()
    {
        string[] negative = ["broken broken broken", "broken screen", "cracked screen", "cracked case"];

        var drivers = PhraseCounter.Drivers(negative, [], max: 2);

        Assert.Equal([("broken", 2), ("cracked", 2)], drivers.Select(d => (d.Phrase, d.Messages)));
    }
}

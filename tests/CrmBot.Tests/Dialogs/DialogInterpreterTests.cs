using System.Text.Json.Nodes;
using CrmBot.Core.Dialogs;
using CrmBot.Intelligence.Entities;

namespace CrmBot.Tests.Dialogs;

public class DialogInterpreterTests
{
    private static readonly HashSet<string> Functions = ["orders.get_order", "customers.verify", "orders.recent_orders"];

    private const string Track = """
        intent: track_order
        requires_verification: true
        examples: ["where is my order"]
        slots:
          order_number:
            type: order_number
            prompt: "Which order?"
            retry: "That's not an order number."
            max_attempts: 2
        steps:
          - ask: order_number
          - call: orders.get_order
            with: { order_number: "{{ order_number }}" }
            as: order
          - branch: order.status
            cases:
              shipped:
                - say: "{{ order.number }} is on its way"
            default:
              - say: "{{ order.number }} is {{ order.status }}"
        """;

    private const string Verify = """
        name: verify_identity
        slots:
          email:
            type: email
            secret: true
            prompt: "Your email?"
        steps:
          - ask: email
          - call: customers.verify
            with: { email: "{{ email }}" }
            as: verification
          - branch: verification.status
            cases:
              verified:
                - say: "Thanks, verified."
            default:
              - say: "Sorry, can't verify."
        """;

    private readonly DialogCatalog _catalog;
    private readonly DialogInterpreter _interpreter;
    private bool _verified;
    private readonly FakeFunctions _functions;

    public DialogInterpreterTests()
    {
        var loader = new DialogLoader(Functions);
        _catalog = new DialogCatalog([loader.Parse(new StringReader(Track), "track.yaml"), loader.Parse(new StringReader(Verify), "verify.yaml")]);
        _interpreter = new DialogInterpreter(_catalog);
        _functions = new FakeFunctions(new()
        {
            ["orders.get_order"] = a => new JsonObject { ["number"] = a["order_number"], ["status"] = a["order_number"] == "BW-111111" ? "shipped" : "delivered" },
            ["customers.verify"] = a =>
            {
                _verified = a["email"] == "alice@example.com";
                return new JsonObject { ["status"] = _verified ? "verified" : "failed" };
            },
        });
    }

    private DialogTurn Turn(string text, params Entity[] entities) => new(text, text, entities, [], () => _verified, 0);

    private static Entity Order(string number) => new(EntityTypes.OrderNumber, number, 0, 9);

    private static Entity Email(string email) => new(EntityTypes.Email, email, 0, email.Length);

    [Fact]
    public async Task Slot_given_in_the_first_message_is_not_asked_again()
    {
        _verified = true;
        var state = new DialogState();
        var outcome = await _interpreter.StartAsync(state, _catalog.Get("track_order"), Turn("where is BW-111111", Order("BW-111111")), _functions, default);
        Assert.Equal("BW-111111 is on its way", Assert.Single(outcome.Messages).Text);
        Assert.False(state.IsActive);
    }

    [Fact]
    public async Task Missing_slot_is_asked_and_the_answer_continues_the_dialog_after_a_round_trip_through_the_store()
    {
        _verified = true;
        var state = new DialogState();
        var first = await _interpreter.StartAsync(state, _catalog.Get("track_order"), Turn("where is my order"), _functions, default);
        Assert.Equal("Which order?", Assert.Single(first.Messages).Text);

        var restored = DialogState.Deserialize(state.Serialize());
        Assert.True(_interpreter.CanFill(restored, Turn("BW-222222", Order("BW-222222"))));
        var second = await _interpreter.ContinueAsync(restored, Turn("BW-222222", Order("BW-222222")), _functions, default);
        Assert.Equal("BW-222222 is delivered", Assert.Single(second.Messages).Text);
        Assert.False(restored.IsActive);
    }

    [Fact]
    public async Task Wrong_answers_are_re_asked_then_the_dialog_gives_up()
    {
        _verified = true;
        var state = new DialogState();
        await _interpreter.StartAsync(state, _catalog.Get("track_order"), Turn("where is my order"), _functions, default);
        var retry = await _interpreter.ContinueAsync(state, Turn("dunno"), _functions, default);
        Assert.Equal("That's not an order number.", Assert.Single(retry.Messages).Text);
        Assert.False(retry.SlotFailed);

        var giveUp = await _interpreter.ContinueAsync(state, Turn("still dunno"), _functions, default);
        Assert.True(giveUp.SlotFailed);
        Assert.False(state.IsActive);
        Assert.DoesNotContain(_functions.Calls, c => c.Function == "orders.get_order");
    }

    [Fact]
    public async Task Unverified_customer_is_verified_before_the_dialog_runs()
    {
        var state = new DialogState();
        var first = await _interpreter.StartAsync(state, _catalog.Get("track_order"), Turn("where is BW-111111", Order("BW-111111")), _functions, default);
        Assert.Equal("Your email?", Assert.Single(first.Messages).Text);
        Assert.Empty(_functions.Calls);

        var second = await _interpreter.ContinueAsync(state, Turn("alice@example.com", Email("alice@example.com")), _functions, default);
        Assert.Equal(["Thanks, verified.", "BW-111111 is on its way"], second.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Failed_verification_drops_the_dialog_that_needed_it()
    {
        var state = new DialogState();
        await _interpreter.StartAsync(state, _catalog.Get("track_order"), Turn("where is BW-111111", Order("BW-111111")), _functions, default);
        var outcome = await _interpreter.ContinueAsync(state, Turn("mallory@example.com", Email("mallory@example.com")), _functions, default);
        Assert.Equal("Sorry, can't verify.", Assert.Single(outcome.Messages).Text);
        Assert.False(state.IsActive);
        Assert.DoesNotContain(_functions.Calls, c => c.Function == "orders.get_order");
    }

    [Fact]
    public async Task Secret_slots_are_not_kept_in_the_stored_state()
    {
        var state = new DialogState();
        await _interpreter.StartAsync(state, _catalog.Get("track_order"), Turn("where is my order"), _functions, default);
        state.Top!.Memory["email"] = "alice@example.com";
        _interpreter.ForgetSecrets(state);
        Assert.DoesNotContain("alice@example.com", state.Serialize());
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yep, go ahead", true)]
    [InlineData("ok", true)]
    [InlineData("no thanks", false)]
    [InlineData("nope", false)]
    [InlineData("don't", false)]
    [InlineData("what?", null)]
    [InlineData("hmm ok fine do it", true)]
    [InlineData("yeah go on then", true)]
    [InlineData("actually no, leave it", false)]
    [InlineData("hmm no actually, I'll keep it", false)]
    [InlineData("ok no, leave it", false)]
    [InlineData("no problem, go ahead", true)]
    [InlineData("sounds good", true)]
    [InlineData("I was wondering whether the parcel will come on Friday because I am away on Saturday", null)]
    public void Yes_and_no_are_read_from_short_replies(string text, bool? expected) => Assert.Equal(expected, YesNo.Parse(text));

    [Theory]
    [InlineData("actually no, leave it", true)]
    [InlineData("never mind", true)]
    [InlineData("nah forget it", true)]
    [InlineData("no", true)]
    [InlineData("I don't have the order number", false)]
    [InlineData("no it's BW-123456", false)]
    public void A_short_reply_calls_off_the_question(string text, bool expected) => Assert.Equal(expected, YesNo.IsCallingOff(text));
}

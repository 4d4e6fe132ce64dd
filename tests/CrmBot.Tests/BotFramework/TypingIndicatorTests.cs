using System.Collections.Concurrent;
using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.Schema;
using Microsoft.Extensions.Time.Testing;

namespace CrmBot.Tests.BotFramework;

public sealed class TypingIndicatorTests
{
    [Fact]
    public async Task Typing_is_sent_after_the_delay_then_every_period_and_stops_when_disposed()
    {
        var clock = new FakeTimeProvider();
        var turn = new CapturingTurn();
        var typing = TypingIndicator.Start(turn, CancellationToken.None, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2.5), clock);

        clock.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(50);
        Assert.Empty(turn.Sent);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForAsync(() => turn.Sent.Count == 1);
        clock.Advance(TimeSpan.FromSeconds(2.5));
        await WaitForAsync(() => turn.Sent.Count == 2);

        await typing.DisposeAsync();
        clock.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(50);
        Assert.Equal(2, turn.Sent.Count);
        Assert.All(turn.Sent, a => Assert.Equal(ActivityTypes.Typing, a.Type));
    }

    [Fact]
    public async Task Quick_turn_sends_no_typing_at_all()
    {
        var turn = new CapturingTurn();

        await using (TypingIndicator.Start(turn, CancellationToken.None, timeProvider: new FakeTimeProvider()))
        {
            await Task.Yield();
        }

        Assert.Empty(turn.Sent);
    }

    [Fact]
    public async Task A_failing_typing_send_does_not_fail_the_turn()
    {
        var turn = new CapturingTurn(fail: true);

        var typing = TypingIndicator.Start(turn, CancellationToken.None, TimeSpan.Zero);
        await WaitForAsync(() => turn.Attempts > 0);

        await typing.DisposeAsync();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class CapturingTurn(bool fail = false) : ITurnContext
    {
        private readonly ConcurrentQueue<Activity> sent = new();
        private int attempts;

        public Activity Activity { get; } = new() { Type = ActivityTypes.Message, Id = "1" };

        public IReadOnlyList<Activity> Sent => [.. sent];

        public int Attempts => Volatile.Read(ref attempts);

        public Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref attempts);
            if (fail)
            {
                throw new HttpRequestException("channel unavailable");
            }

            sent.Enqueue(activity);
            return Task.FromResult(new ResourceResponse("t"));
        }
    }
}

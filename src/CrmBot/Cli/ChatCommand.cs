using System.CommandLine;
using System.Globalization;
using CrmBot.Extensions;
using CrmBot.Core.Messages;
using CrmBot.Core.Engine;

namespace CrmBot.Cli;

/// <summary>`chat`: talk to the bot in the terminal, or script a conversation through standard input (one message per line).</summary>
public static class ChatCommand
{
    public const string Channel = "terminal";

    public static Command Create()
    {
        var customer = new Option<string?>("--customer") { Description = "Chat as the seeded customer with this email (already verified). Without it you chat as an unknown visitor who must verify." };
        var debug = new Option<bool>("--debug") { Description = "Show intent, confidence, entities and sentiment under each reply." };
        var command = new Command("chat", "Chat with the bot in the terminal. When standard input is not a terminal, reads one message per line until end of input.")
        {
            customer,
            debug,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = CliCommands.BuildApp();
            await app.Services.GetRequiredService<AppInitializer>().InitializeAsync(retrainModels: false, ct);
            var engine = app.Services.GetRequiredService<ConversationEngine>();
            var session = Guid.NewGuid().ToString("N");
            var accountId = "visitor-" + session;
            if (parse.GetValue(customer) is { } email)
            {
                accountId = "customer-" + session;
                if (!await engine.LinkAccountAsync(Channel, accountId, email, ct))
                {
                    Console.Error.WriteLine($"No customer with the email '{email}'. Try alice.morgan@example.com.");
                    return 2;
                }
            }
            return await ConverseAsync(engine, session, accountId, parse.GetValue(debug), Console.In, Console.Out, Console.IsInputRedirected, ct);
        });
        return command;
    }

    public static async Task<int> ConverseAsync(ConversationEngine engine, string conversationId, string accountId, bool debug,
        TextReader input, TextWriter output, bool scripted, CancellationToken ct)
    {
        if (!scripted)
        {
            await output.WriteLineAsync("Brightwave assistant. Type a message and press Enter; /quit or Ctrl+D to leave.");
        }
        int turn = 0;
        while (!ct.IsCancellationRequested)
        {
            if (!scripted)
            {
                await output.WriteAsync("you> ");
            }
            var line = await input.ReadLineAsync(ct);
            if (line is null || (!scripted && line.Trim() == "/quit"))
            {
                break;
            }
            if (scripted)
            {
                await output.WriteLineAsync("you> " + line);
            }
            var activityId = (++turn).ToString(CultureInfo.InvariantCulture);
            var result = await engine.HandleAsync(new InboundMessage(Channel, conversationId, accountId, line, activityId), ct);
            foreach (var reply in result.Replies)
            {
                await WriteReplyAsync(output, reply);
            }
            if (debug && result.Understanding is { } u)
            {
                var entities = u.Entities.Count == 0 ? "none" : string.Join(", ", u.Entities);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"     · intent {u.Intent} ({u.Confidence:0.00}) · sentiment {u.SentimentLabel} ({u.SentimentScore:+0.00;-0.00;0.00}) · entities {entities}"));
            }
        }
        return 0;
    }

    private static async Task WriteReplyAsync(TextWriter output, BotMessage reply)
    {
        await output.WriteLineAsync("bot> " + reply.Text);
        foreach (var p in reply.Products)
        {
            await output.WriteLineAsync($"     • {p.Name} ({p.Brand}, {p.Category}) {p.PriceText}: {p.Description}");
        }
        if (reply.SuggestedActions.Count > 0)
        {
            await output.WriteLineAsync("     " + string.Join(" ", reply.SuggestedActions.Select(a => $"[{a}]")));
        }
    }
}

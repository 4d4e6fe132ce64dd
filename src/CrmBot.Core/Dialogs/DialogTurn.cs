using System.Text.Json.Nodes;
using CrmBot.Intelligence.Entities;

namespace CrmBot.Core.Dialogs;

/// <summary>What the interpreter needs from one customer message.</summary>
/// <param name="Text">The message as understood (raw, in memory only).</param>
/// <param name="RedactedText">The message with personal data replaced: what free-text slots keep.</param>
/// <param name="Globals">Values every template can use (customer, shop).</param>
/// <param name="IsVerified">Asked whenever a dialog that needs a verified customer is about to run.</param>
/// <param name="Seed">Picks among response variants, so replies vary but a replayed turn says the same.</param>
public sealed record DialogTurn(string Text, string RedactedText, IReadOnlyList<Entity> Entities, JsonObject Globals, Func<bool> IsVerified, int Seed);

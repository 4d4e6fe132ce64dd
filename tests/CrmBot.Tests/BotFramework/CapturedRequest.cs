using System.Text.Json.Nodes;

namespace CrmBot.Tests.BotFramework;

/// <summary>One HTTP request the fake channel received; <see cref="RawTarget"/> is the path exactly as sent (still escaped).</summary>
public sealed record CapturedRequest(string Method, string RawTarget, string Authorization, string Body)
{
    public string Path => RawTarget.Split('?')[0];

    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}

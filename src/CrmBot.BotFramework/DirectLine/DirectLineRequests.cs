using System.Buffers;
using System.Text.Json;
using CrmBot.BotFramework.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>Reading request bodies within a byte limit, and the addresses this server tells clients about.</summary>
internal static class DirectLineRequests
{
    /// <summary>Token and start bodies are a user id and a locale at most.</summary>
    public const int MaxParametersBytes = 4096;

    public static DirectLineCaller Caller(this HttpContext http) => http.Features.GetRequiredFeature<DirectLineCaller>();

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes; read no further than the limit.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= limit && (read = await request.Body.ReadAsync(buffer.AsMemory(length, limit + 1 - length), cancellationToken)) > 0)
            {
                length += read;
            }
            return length > limit ? null : buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The optional TokenParameters body: absent or empty is fine, malformed is a 400.</summary>
    public static async Task<(TokenParameters? Parameters, ProblemHttpResult? Problem)> ReadTokenParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, MaxParametersBytes, cancellationToken);
        if (body is null)
        {
            return (null, DirectLineProblems.TooLarge(MaxParametersBytes));
        }
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, null);
        }
        TokenParameters? parameters;
        try
        {
            parameters = JsonSerializer.Deserialize<TokenParameters>(body, BotJson.Options);
        }
        catch (JsonException ex)
        {
            return (null, DirectLineProblems.BadRequest($"The body is not valid JSON token parameters: {ex.Message}", "BadSyntax"));
        }
        var userId = parameters?.User?.Id;
        if (!string.IsNullOrEmpty(userId) && !DirectLineIds.IsUserId(userId))
        {
            return (null, DirectLineProblems.BadRequest($"user.id must be 1 to {DirectLineIds.MaxUserIdLength} characters without spaces or control characters."));
        }
        return (parameters, null);
    }

    /// <summary>The user id asked for in TokenParameters; an empty one (DirectLineJS sends <c>{"user":{}}</c>) is no request.</summary>
    public static string? RequestedUserId(this TokenParameters? parameters) =>
        string.IsNullOrEmpty(parameters?.User?.Id) ? null : parameters.User.Id;

    /// <summary>Who counts as one client for the conversation limit.</summary>
    public static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>This server's base address, e.g. <c>http://127.0.0.1:5080</c>: configured, or as the client reached us.</summary>
    public static string BaseUrl(HttpRequest request, DirectLineOptions options) =>
        options.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>Stamped as <c>serviceUrl</c> on user activities, with the trailing slash Bot Framework service URLs have.</summary>
    public static string ServiceUrl(HttpRequest request, DirectLineOptions options) => BaseUrl(request, options) + "/";

    /// <summary>
    /// An absolute ws:// or wss:// URL (ambiguity A8) with the stream token in <c>t</c> and the replay point in
    /// <c>watermark</c>, the shape DirectLineJS opens as is (digest §4.1 #8).
    /// </summary>
    public static string StreamUrl(HttpRequest request, DirectLineOptions options, string conversationId, string streamToken, long? watermark)
    {
        var baseUrl = BaseUrl(request, options);
        var socketBase = baseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + baseUrl["https://".Length..]
            : baseUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "ws://" + baseUrl["http://".Length..]
            : baseUrl;
        var url = $"{socketBase}{DirectLineEndpoints.Prefix}/conversations/{conversationId}/stream?t={Uri.EscapeDataString(streamToken)}";
        return watermark is { } value ? url + "&watermark=" + DirectLineIds.FormatWatermark(value) : url;
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBot.BotFramework.Authentication;
using CrmBot.BotFramework.Schema;
using Microsoft.Extensions.Logging;

namespace CrmBot.BotFramework.Connector;

/// <summary>
/// The Bot Connector REST API (digest §2.1) over a typed HttpClient whose resilience handler retries transient failures
/// (<see cref="ConnectorResilience"/>). Unlike the SDK's client it is not bound to one serviceUrl: every call names the
/// serviceUrl of the conversation, taken from a validated activity or a stored conversation reference.
/// </summary>
public sealed partial class ConnectorClient(HttpClient httpClient, IConnectorTokenProvider tokenProvider, ILogger<ConnectorClient> logger)
{
    private const string OperationIdHeader = "X-Correlating-OperationId";

    /// <summary><c>POST /v3/conversations/{conversationId}/activities/{activityId}</c>: a reply, threaded where the channel supports it.</summary>
    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendActivityAsync(HttpMethod.Post, BuildUri(serviceUrl, conversationId, "activities", activityId), activity, cancellationToken);

    /// <summary><c>POST /v3/conversations/{conversationId}/activities</c>: appends to the conversation (proactive messages).</summary>
    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendActivityAsync(HttpMethod.Post, BuildUri(serviceUrl, conversationId, "activities"), activity, cancellationToken);

    /// <summary><c>PUT /v3/conversations/{conversationId}/activities/{activityId}</c>: replaces a sent activity (e.g. a card after a click).</summary>
    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendActivityAsync(HttpMethod.Put, BuildUri(serviceUrl, conversationId, "activities", activityId), activity, cancellationToken);

    /// <summary><c>DELETE /v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Delete, BuildUri(serviceUrl, conversationId, "activities", activityId), body: null, cancellationToken);

    /// <summary><c>POST /v3/conversations</c>: starts a conversation (Teams: a 1:1 chat with a user, or a channel thread; digest §5.3).</summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var body = await SendAsync(HttpMethod.Post, BuildUri(serviceUrl), JsonSerializer.SerializeToUtf8Bytes(parameters, BotJson.Options), cancellationToken);
        var response = string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<ConversationResourceResponse>(body, BotJson.Options);
        return response?.Id is null
            ? throw new InvalidOperationException("The Bot Connector created a conversation but returned no conversation id.")
            : response;
    }

    /// <summary>
    /// {serviceUrl}/v3/conversations/{segments...} with every segment escaped: Teams conversation ids contain ':', ';'
    /// and '@' and must not be parsed or left raw (digest §2.1, SDK Conversations.cs).
    /// </summary>
    public static Uri BuildUri(string serviceUrl, params string[] segments)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("serviceUrl must be an absolute http(s) URL.", nameof(serviceUrl));
        }

        var path = new StringBuilder(serviceUrl.TrimEnd('/')).Append("/v3/conversations");
        foreach (var segment in segments)
        {
            ArgumentException.ThrowIfNullOrEmpty(segment, nameof(segments));
            path.Append('/').Append(Uri.EscapeDataString(segment));
        }

        return new Uri(path.ToString(), UriKind.Absolute);
    }

    private async Task<ResourceResponse> SendActivityAsync(HttpMethod method, Uri uri, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var body = await SendAsync(method, uri, JsonSerializer.SerializeToUtf8Bytes(activity, BotJson.Options), cancellationToken);

        // Some channels (and Direct Line implementations) answer 200/202 with no body; the swagger allows it.
        var response = string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<ResourceResponse>(body, BotJson.Options);
        return new ResourceResponse(response?.Id ?? string.Empty);
    }

    private async Task<string> SendAsync(HttpMethod method, Uri uri, byte[]? body, CancellationToken cancellationToken)
    {
        var token = await tokenProvider.GetAccessTokenAsync(cancellationToken);

        // A bearer token is a credential for every conversation of the bot; never let it cross the network in clear text.
        if (token is not null && uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            throw new InvalidOperationException("Refusing to send the bot's token to a non-https serviceUrl.");
        }

        using var request = new HttpRequestMessage(method, uri);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            // Buffered content, so the resilience handler can send the same request again on a retry.
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        using var response = await httpClient.SendAsync(request, cancellationToken);
        var operationId = response.Headers.TryGetValues(OperationIdHeader, out var values) ? values.FirstOrDefault() : null;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            LogSent(logger, method.Method, (int)response.StatusCode, operationId);
            return text;
        }

        var (code, message) = ParseError(text);
        LogFailed(logger, method.Method, (int)response.StatusCode, code, operationId);
        throw new ErrorResponseException(response.StatusCode, text, code, message, operationId);
    }

    private static (string? Code, string? Message) ParseError(string body)
    {
        try
        {
            var error = JsonNode.Parse(body)?["error"];
            return (error?["code"]?.GetValue<string>(), error?["message"]?.GetValue<string>());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return (null, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connector {Method} answered {StatusCode} (operation {OperationId})")]
    private static partial void LogSent(ILogger logger, string method, int statusCode, string? operationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Method} failed with {StatusCode} {ErrorCode} (operation {OperationId})")]
    private static partial void LogFailed(ILogger logger, string method, int statusCode, string? errorCode, string? operationId);
}

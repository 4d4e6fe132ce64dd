using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBot.Tests.Llm;

/// <summary>
/// A small OpenAI-compatible chat-completions server on a free loopback port (Kestrel), scripted per test: each request
/// is answered by <see cref="Script"/>, in one JSON body or, when the request asks to stream, as server-sent events.
/// Keeps every request body it received, so a test can assert on what left the process. Serves OpenAI's path
/// (<c>/v1/chat/completions</c>) and Azure OpenAI's (<c>/openai/deployments/{name}/chat/completions</c>).
/// </summary>
public sealed class FakeModelServer : IAsyncLifetime
{
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Decides the reply to a request; set by each test.</summary>
    public Func<ModelRequest, ModelReply> Script { get; set; } = _ => ModelReply.Say("{\"intent\": \"none\"}");

    public ConcurrentQueue<ModelRequest> Requests { get; } = new();

    public void Reset(Func<ModelRequest, ModelReply> script)
    {
        Requests.Clear();
        Script = script;
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", HandleAsync);
        _app.MapPost("/openai/deployments/{deployment}/chat/completions", HandleAsync);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = new ModelRequest(http.Request.Path, body, JsonNode.Parse(body)!.AsObject(),
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        Requests.Enqueue(request);
        var reply = Script(request);
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        if (reply.Raw is { } raw)
        {
            http.Response.StatusCode = reply.Status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(raw);
            return;
        }
        if (request.Streams)
        {
            http.Response.ContentType = "text/event-stream";
            foreach (var chunk in Chunks(reply))
            {
                await http.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
                await http.Response.Body.FlushAsync();
            }
            await http.Response.WriteAsync("data: [DONE]\n\n");
            return;
        }
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text };
        if (reply.ToolCall is { } call)
        {
            message["tool_calls"] = new JsonArray(ToolCall(call, withIndex: false));
        }
        var completion = Envelope("chat.completion");
        completion["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0, ["message"] = message, ["finish_reason"] = reply.ToolCall is null ? "stop" : "tool_calls",
        });
        completion["usage"] = Usage(reply);
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(completion.ToJsonString());
    }

    private static IEnumerable<JsonObject> Chunks(ModelReply reply)
    {
        JsonObject Chunk(JsonObject delta, string? finish)
        {
            var chunk = Envelope("chat.completion.chunk");
            chunk["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish });
            return chunk;
        }
        if (reply.ToolCall is { } call)
        {
            yield return Chunk(new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray(ToolCall(call, withIndex: true)) }, null);
            yield return Chunk(new JsonObject(), "tool_calls");
        }
        else
        {
            // A few pieces, as a real server sends words as they come.
            var text = reply.Text ?? "";
            var size = Math.Max(1, text.Length / 3);
            for (int i = 0; i < text.Length; i += size)
            {
                yield return Chunk(new JsonObject { ["content"] = text.Substring(i, Math.Min(size, text.Length - i)) }, null);
            }
            yield return Chunk(new JsonObject(), "stop");
        }
        var usage = Envelope("chat.completion.chunk");
        usage["choices"] = new JsonArray();
        usage["usage"] = Usage(reply);
        yield return usage;
    }

    private static JsonObject ToolCall((string Name, string Arguments) call, bool withIndex)
    {
        var node = new JsonObject
        {
            ["id"] = "call_" + Guid.NewGuid().ToString("N")[..8], ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
        };
        if (withIndex)
        {
            node["index"] = 0;
        }
        return node;
    }

    private static JsonObject Envelope(string kind) => new()
    {
        ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N")[..12], ["object"] = kind, ["created"] = 1_765_000_000, ["model"] = "fake-model",
    };

    private static JsonObject Usage(ModelReply reply) => new()
    {
        ["prompt_tokens"] = reply.PromptTokens, ["completion_tokens"] = reply.CompletionTokens, ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
    };
}

/// <summary>A request the fake server received: path, raw body, parsed body and headers.</summary>
public sealed record ModelRequest(string Path, string Body, JsonObject Json, IReadOnlyDictionary<string, string> Headers)
{
    public bool Streams => Json["stream"]?.GetValue<bool>() == true;

    public string SystemPrompt => Messages.FirstOrDefault(m => (string?)m["role"] == "system")?["content"]?.ToString() ?? "";

    public IReadOnlyList<JsonObject> Messages => Json["messages"]!.AsArray().Select(m => m!.AsObject()).ToList();

    /// <summary>Which of our prompts this is, by its opening words.</summary>
    public bool Is(string prompt) => prompt switch
    {
        "ClassifyIntent" => SystemPrompt.StartsWith("You route customer messages", StringComparison.Ordinal),
        "GroundedAnswer" => SystemPrompt.StartsWith("You are the customer-service assistant", StringComparison.Ordinal),
        "HandoffSummary" => SystemPrompt.StartsWith("You brief a customer-service agent", StringComparison.Ordinal),
        "ReplySuggestions" => SystemPrompt.StartsWith("You help a customer-service agent", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The names of the functions offered to the model.</summary>
    public IReadOnlyList<string> Tools => Json["tools"]?.AsArray().Select(t => (string)t!["function"]!["name"]!).ToList() ?? [];

    /// <summary>The results of function calls sent back to the model, in order.</summary>
    public IReadOnlyList<string> ToolResults => Messages.Where(m => (string?)m["role"] == "tool").Select(m => m["content"]?.ToString() ?? "").ToList();
}

/// <summary>What the fake model answers: text, or a call of one function; optionally late, or a raw body.</summary>
public sealed record ModelReply(string? Text, (string Name, string Arguments)? ToolCall = null)
{
    public TimeSpan Delay { get; init; }
    public string? Raw { get; init; }
    public int Status { get; init; } = 200;
    public int PromptTokens { get; init; } = 120;
    public int CompletionTokens { get; init; } = 30;

    public static ModelReply Say(string text) => new(text);

    public static ModelReply Call(string function, object arguments) => new(null, (function, JsonSerializer.Serialize(arguments)));
}

using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// The WebSocket at a conversation's <c>streamUrl</c> (digest §4.5): on connect, everything after the URL's watermark;
/// then each activity as it is stored, one ActivitySet per text frame; an empty text frame when quiet for a while.
/// Frames from the client are keep-alives and ignored. The socket ends with a close handshake on client close, server
/// shutdown, a newer stream on the same conversation ("collision") or a client too slow to keep up ("overflow").
/// </summary>
internal static class DirectLineStreamEndpoint
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    public static async Task<IResult> HandleAsync(
        HttpContext http, string conversationId, string? t, string? watermark, DirectLineTokenService tokens, IDirectLineStore store,
        DirectLineChannel channel, DirectLineStreamHub hub, IOptions<DirectLineOptions> options, IHostApplicationLifetime lifetime,
        TimeProvider time, ILoggerFactory loggers)
    {
        var check = await tokens.CheckStreamTokenAsync(t ?? string.Empty);
        switch (check.Status)
        {
            case DirectLineTokenStatus.Invalid:
                return DirectLineProblems.Unauthorized("The stream URL's token (t) is missing or not valid.");
            case DirectLineTokenStatus.Expired:
                return DirectLineProblems.Expired();
        }
        if (!string.Equals(check.ConversationId, conversationId, StringComparison.Ordinal))
        {
            return DirectLineProblems.Forbidden("This token belongs to another conversation.");
        }
        if (!DirectLineIds.TryParseWatermark(watermark, out var after))
        {
            return DirectLineProblems.BadRequest("watermark must be a number.");
        }
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return DirectLineProblems.BadRequest("This is a WebSocket endpoint; connect with a WebSocket upgrade.");
        }
        if (await store.FindConversationAsync(conversationId, http.RequestAborted) is null)
        {
            return DirectLineProblems.NotFound();
        }

        var logger = loggers.CreateLogger(typeof(DirectLineStreamEndpoint).FullName!);
        // Subscribe before the handshake completes: a client may post the moment it is connected, and typing activities,
        // which are never stored, would otherwise be lost. Stored ones the replay already sent are skipped below.
        using var subscription = hub.Subscribe(conversationId);
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var receiving = ReceiveUntilClosedAsync(socket, connection);
        logger.LogDebug("Stream opened on {ConversationId}", conversationId);
        try
        {
            var replayedUpTo = await ReplayAsync(socket, channel, conversationId, after, connection.Token);
            await ForwardAsync(socket, subscription, channel, conversationId, replayedUpTo, options.Value.StreamKeepAliveInterval, time, connection.Token);
        }
        catch (OperationCanceledException) when (connection.IsCancellationRequested)
        {
            // The client closed, the connection dropped or the server is stopping.
        }
        catch (WebSocketException ex)
        {
            logger.LogDebug(ex, "Stream on {ConversationId} lost", conversationId);
        }

        var (status, reason) = lifetime.ApplicationStopping.IsCancellationRequested
            ? (WebSocketCloseStatus.EndpointUnavailable, "shutdown")
            : (WebSocketCloseStatus.NormalClosure, subscription.CloseReason ?? string.Empty);
        await CloseAsync(socket, status, reason, receiving);
        logger.LogDebug("Stream closed on {ConversationId} ({CloseReason})", conversationId, reason);
        return TypedResults.Empty;
    }

    /// <summary>Sends the stored activities after <paramref name="after"/>; returns the sequence number reached.</summary>
    private static async Task<long> ReplayAsync(WebSocket socket, DirectLineChannel channel, string conversationId, long after, CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await channel.ListAsync(conversationId, after, cancellationToken);
            if (page.Count == 0)
            {
                return after;
            }
            after = page[^1].Sequence;
            var visible = page.Where(DirectLineChannel.IsDeliveredToClients).Select(a => a.Json).ToList();
            if (visible.Count > 0)
            {
                await SendAsync(socket, ActivitySetFrame.Create(visible, after).Utf8Json, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Sends the frames offered to the stream in sequence order. A frame that continues what was sent goes out as it is;
    /// one that skips ahead or overlaps (two instances, or two writers of one process, published out of order) is
    /// replaced by a read of the store after the last sequence sent, so the client sees every activity once and in order.
    /// </summary>
    private static async Task ForwardAsync(WebSocket socket, StreamSubscription subscription, DirectLineChannel channel, string conversationId, long replayedUpTo,
        TimeSpan keepAlive, TimeProvider time, CancellationToken cancellationToken)
    {
        var frames = subscription.Frames;
        var sent = replayedUpTo;
        while (true)
        {
            bool open;
            using (var quiet = new CancellationTokenSource(keepAlive, time))
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, quiet.Token))
            {
                try
                {
                    open = await frames.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Empty frames are Direct Line's keep-alive (§4.5); they also reveal a dead connection sooner.
                    await SendAsync(socket, [], cancellationToken);
                    continue;
                }
            }
            if (!open)
            {
                return;
            }
            while (frames.TryRead(out var frame))
            {
                if (frame.Watermark is not { } last)
                {
                    await SendAsync(socket, frame.Utf8Json, cancellationToken);
                }
                else if (last <= sent)
                {
                    continue;
                }
                else if (frame.FirstSequence == sent + 1)
                {
                    await SendAsync(socket, frame.Utf8Json, cancellationToken);
                    sent = last;
                }
                else
                {
                    sent = await ReplayAsync(socket, channel, conversationId, sent, cancellationToken);
                }
            }
        }
    }

    private static Task SendAsync(WebSocket socket, byte[] utf8Json, CancellationToken cancellationToken) =>
        socket.SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource connection)
    {
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                // Not cancellable on purpose: cancelling a receive aborts the socket, which would skip the close handshake.
                var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (WebSocketException)
        {
            // Connection lost or aborted; the sender notices through the cancellation below.
        }
        finally
        {
            try
            {
                await connection.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The stream already finished.
            }
        }
    }

    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason, Task receiving)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(CloseTimeout);
                await socket.CloseOutputAsync(status, reason, timeout.Token);
            }
            await receiving.WaitAsync(CloseTimeout);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException)
        {
            socket.Abort();
        }
    }
}

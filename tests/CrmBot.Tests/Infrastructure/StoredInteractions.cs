using Microsoft.Data.Sqlite;

namespace CrmBot.Tests.Infrastructure;

/// <summary>
/// What the CRM store holds for the customer messages of one channel conversation, read straight from the SQLite file
/// with a read-only connection of its own (no pool, so the file is not kept open): it works on the database of a
/// running server, of one just killed, and of an in-process app alike.
/// </summary>
public static class StoredInteractions
{
    /// <summary>
    /// For each channel activity id, the inbound <c>Interactions</c> rows stored for it, each as its number of replies
    /// (outbound rows with <c>ReplyToId</c> = its id). A lookup, so a message stored twice shows as two entries. Without
    /// <paramref name="channelConversationId"/>: every conversation of the channel.
    /// </summary>
    public static async Task<ILookup<string, int>> RepliesByActivityIdAsync(
        string databaseFile, string channel, string? channelConversationId, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databaseFile,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i.ChannelActivityId,
                   (SELECT COUNT(*) FROM Interactions r WHERE r.ReplyToId = i.Id AND r.Direction = 'Outbound')
            FROM Interactions i
            JOIN Conversations c ON c.Id = i.ConversationId
            WHERE c.Channel = $channel AND ($conversation IS NULL OR c.ChannelConversationId = $conversation)
              AND i.Direction = 'Inbound' AND i.ChannelActivityId IS NOT NULL
            """;
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$conversation", (object?)channelConversationId ?? DBNull.Value);
        var rows = new List<(string ActivityId, int Replies)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }
        return rows.ToLookup(r => r.ActivityId, r => r.Replies, StringComparer.Ordinal);
    }
}

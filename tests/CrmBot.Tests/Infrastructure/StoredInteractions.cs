using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmBot.Tests.Infrastructure;

/// <summary>
/// What the CRM store holds for the customer messages of one channel conversation, read straight from the store of a
/// data directory with a connection of its own and no pool (on SQLite read-only, so the file is not kept open): it
/// works on the database of a running server, of one just killed, and of an in-process app alike.
/// </summary>
public static class StoredInteractions
{
    /// <summary>
    /// For each channel activity id, the inbound <c>Interactions</c> rows stored for it, each as its number of replies
    /// (outbound rows with <c>ReplyToId</c> = its id). A lookup, so a message stored twice shows as two entries. Without
    /// <paramref name="channelConversationId"/>: every conversation of the channel.
    /// </summary>
    public static async Task<ILookup<string, int>> RepliesByActivityIdAsync(
        string dataDirectory, string channel, string? channelConversationId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(dataDirectory, cancellationToken);
        await using var command = connection.CreateCommand();
        // Quoted names and @ parameters read the same on both stores.
        command.CommandText = $"""
            SELECT i."ChannelActivityId",
                   (SELECT COUNT(*) FROM "Interactions" r WHERE r."ReplyToId" = i."Id" AND r."Direction" = 'Outbound')
            FROM "Interactions" i
            JOIN "Conversations" c ON c."Id" = i."ConversationId"
            WHERE c."Channel" = @channel {(channelConversationId is null ? "" : "AND c.\"ChannelConversationId\" = @conversation")}
              AND i."Direction" = 'Inbound' AND i."ChannelActivityId" IS NOT NULL
            """;
        AddParameter(command, "channel", channel);
        if (channelConversationId is not null)
        {
            AddParameter(command, "conversation", channelConversationId);
        }
        var rows = new List<(string ActivityId, int Replies)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), Convert.ToInt32(reader.GetValue(1))));
        }
        return rows.ToLookup(r => r.ActivityId, r => r.Replies, StringComparer.Ordinal);
    }

    private static async Task<DbConnection> OpenAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        DbConnection connection = TestDatabases.OnPostgreSql
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(await TestDatabases.ConnectionStringForAsync(dataDirectory, seededAt: null)) { Pooling = false }.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(dataDirectory, "crmbot.db"),
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

using CrmBot.Tests.Infrastructure;
using Npgsql;

namespace CrmBot.Tests.EndToEnd;

/// <summary>
/// Two real server processes (A and B) on one throwaway PostgreSQL database and one throwaway redis-server, sharing a
/// data directory (the trained models and the Direct Line secret, as two machines would share them by configuration).
/// A starts first and migrates and seeds the store; B then finds it ready.
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    private readonly PostgreSqlCluster postgreSql;
    private readonly RedisServer redis;

    private ScaleOutCluster(PostgreSqlCluster postgreSql, RedisServer redis, string connectionString, string dataDirectory, ServerProcess a, ServerProcess b)
    {
        this.postgreSql = postgreSql;
        this.redis = redis;
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
        A = a;
        B = b;
    }

    public ServerProcess A { get; }
    public ServerProcess B { get; }
    public string ConnectionString { get; }
    public string DataDirectory { get; }

    public IReadOnlyList<ServerProcess> Instances => [A, B];

    public string Logs => $"--- instance A ---\n{A.Log}\n--- instance B ---\n{B.Log}";

    public static async Task<ScaleOutCluster> StartAsync(CrmBotAppFixture trained, IReadOnlyDictionary<string, string>? settings = null, CancellationToken ct = default)
    {
        var postgreSql = await PostgreSqlCluster.StartAsync();
        RedisServer? redis = null;
        ServerProcess? a = null;
        var dataDirectory = TestDirectories.NewWithModelsOf(trained, "crmbot-scaleout-");
        try
        {
            redis = await RedisServer.StartAsync();
            var connectionString = await postgreSql.CreateDatabaseAsync("scaleout");
            Dictionary<string, string> Settings(string instance)
            {
                var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
                {
                    ["Storage:Provider"] = "PostgreSql",
                    ["Storage:ConnectionString"] = connectionString,
                    ["Redis:ConnectionString"] = redis.ConnectionString,
                    ["Redis:InstanceId"] = instance,
                };
                all.TryAdd("Redis:LeaseTime", "00:00:03");
                return all;
            }
            a = await ServerProcess.StartAsync(dataDirectory, Settings("a"), ct);
            var b = await ServerProcess.StartAsync(dataDirectory, Settings("b"), ct);
            return new ScaleOutCluster(postgreSql, redis, connectionString, dataDirectory, a, b);
        }
        catch
        {
            if (a is not null) await a.DisposeAsync();
            if (redis is not null) await redis.DisposeAsync();
            await postgreSql.DisposeAsync();
            TestDirectories.Delete(dataDirectory);
            throw;
        }
    }

    /// <summary>
    /// For each Direct Line activity id, the inbound <c>Interactions</c> rows stored for it, each as its number of
    /// replies (a lookup, so a message stored twice shows as two entries); the PostgreSQL twin of <see cref="StoredInteractions"/>.
    /// </summary>
    public async Task<ILookup<string, int>> RepliesByActivityIdAsync(string? channelConversationId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT i."ChannelActivityId",
                   (SELECT COUNT(*) FROM "Interactions" r WHERE r."ReplyToId" = i."Id" AND r."Direction" = 'Outbound')::int
            FROM "Interactions" i
            JOIN "Conversations" c ON c."Id" = i."ConversationId"
            WHERE c."Channel" = 'directline' AND (@conversation::text IS NULL OR c."ChannelConversationId" = @conversation)
              AND i."Direction" = 'Inbound' AND i."ChannelActivityId" IS NOT NULL
            """, connection);
        command.Parameters.AddWithValue("conversation", (object?)channelConversationId ?? DBNull.Value);
        var rows = new List<(string ActivityId, int Replies)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }
        return rows.ToLookup(r => r.ActivityId, r => r.Replies, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await redis.DisposeAsync();
        await postgreSql.DisposeAsync();
        TestDirectories.Delete(DataDirectory);
    }
}

using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.DirectLine;
using CrmBot.Core.Storage;
using CrmBot.Extensions;
using CrmBot.ScaleOut;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CrmBot.Tests.ScaleOut;

/// <summary>The <c>Redis</c> section: refused when it cannot work, and nothing of Redis registered without it.</summary>
public sealed class ScaleOutSettingsTests
{
    [Fact]
    public void Redis_with_the_SQLite_store_is_refused_at_start()
    {
        using var app = Build(("Storage:Provider", "Sqlite"), ("Redis:ConnectionString", "127.0.0.1:6379"));

        var refused = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<RedisOptions>>().Value);
        Assert.Contains("cannot share one SQLite file", refused.Message);
    }

    [Fact]
    public void A_prefix_that_is_not_a_plain_name_is_refused_at_start()
    {
        using var app = Build(("Storage:Provider", "PostgreSql"), ("Redis:ConnectionString", "127.0.0.1:6379"), ("Redis:Prefix", "crm bot:*"));

        Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<RedisOptions>>().Value);
    }

    [Fact]
    public void Without_a_Redis_connection_string_nothing_of_Redis_is_registered()
    {
        using var app = Build(("Storage:Provider", "Sqlite"));

        Assert.False(app.Services.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled);
        Assert.Null(app.Services.GetService<ITurnInstances>());
        Assert.Null(app.Services.GetService<IConversationTurnLock>());
        Assert.Null(app.Services.GetService<IDirectLineStreamBus>());
        Assert.Null(app.Services.GetService<RedisConnection>());
        Assert.True(app.Services.GetRequiredService<ISharedWorkLease>().IsHeld);
        var checks = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name);
        Assert.DoesNotContain("redis", checks);
    }

    [Fact]
    public void With_Redis_the_shared_pieces_and_the_ready_check_are_registered()
    {
        using var app = Build(("Storage:Provider", "PostgreSql"), ("Storage:ConnectionString", "Host=db"), ("Redis:ConnectionString", "127.0.0.1:1"), ("Redis:InstanceId", "web-1"));

        Assert.Equal("web-1", app.Services.GetRequiredService<ITurnInstances>().InstanceId);
        Assert.IsType<RedisTurnLock>(app.Services.GetRequiredService<IConversationTurnLock>());
        Assert.IsType<RedisStreamBus>(app.Services.GetRequiredService<IDirectLineStreamBus>());
        Assert.IsType<RedisInstances>(app.Services.GetRequiredService<ISharedWorkLease>());
        var checks = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Contains(checks, r => r.Name == "redis" && r.Tags.Contains("ready"));
    }

    /// <summary>The service's own composition (as <c>dotnet CrmBot.dll</c> builds it), with the settings given on the command line; not started.</summary>
    private static WebApplication Build(params (string Key, string Value)[] settings) =>
        CrmBotHost.CreateBuilder([.. settings.Select(s => $"--{s.Key}={s.Value}")]).Build();
}

using System.ComponentModel.DataAnnotations;

namespace CrmBot.ScaleOut;

/// <summary>
/// The <c>Redis</c> section of appsettings.json: what several instances of the service share besides the store.
/// An empty <see cref="ConnectionString"/> means one instance, with everything in-process as before.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration (<c>host:6379,password=…</c>); empty: a single instance, no Redis.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Put in front of every key and channel, so several deployments can share one Redis.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,40}$", ErrorMessage = "Redis:Prefix is 1–40 letters, digits, '_', '.' or '-'.")]
    public string Prefix { get; set; } = "crmbot";

    /// <summary>This instance's id, unique among the instances; empty: the machine name and a random suffix, new at each start.</summary>
    [RegularExpression("^[A-Za-z0-9_.:-]{0,100}$", ErrorMessage = "Redis:InstanceId is at most 100 letters, digits, '_', '.', ':' or '-'.")]
    public string InstanceId { get; set; } = "";

    /// <summary>
    /// How long an instance's leases last without renewal (renewed every third of it): its liveness, the background
    /// work lease and its conversation locks. After a crash, its pending turns and the background work move to another
    /// instance within about this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);

    public string Key(string name) => Prefix + ":" + name;
}

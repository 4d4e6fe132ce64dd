using System.Net;

namespace CrmBot.Operations;

/// <summary>
/// Who may read the Prometheus endpoint: this machine, or a network listed in <c>Telemetry:MetricsAllowedNetworks</c>.
/// A request relayed by a proxy (it carries <c>X-Forwarded-For</c> or <c>Forwarded</c>) is refused whatever its address,
/// since a reverse proxy on this machine would otherwise make every visitor look local. Immutable.
/// </summary>
public sealed class MetricsScrapeRule(TelemetryOptions options)
{
    private readonly IReadOnlyList<IPNetwork> _networks = options.AllowedNetworks();

    public PathString Path { get; } = new(options.PrometheusEndpoint);

    /// <summary>Whether this request is a scrape this service answers (any other request goes on down the pipeline, to a 404).</summary>
    public bool Serves(HttpContext http) =>
        http.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase) && Allows(http);

    public bool Allows(HttpContext http)
    {
        var relayed = http.Request.Headers.ContainsKey("X-Forwarded-For") || http.Request.Headers.ContainsKey("Forwarded");
        if (relayed || http.Connection.RemoteIpAddress is not { } address)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return IPAddress.IsLoopback(address) || _networks.Any(n => n.Contains(address));
    }
}

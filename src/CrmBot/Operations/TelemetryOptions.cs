using System.ComponentModel.DataAnnotations;
using System.Net;
using OpenTelemetry.Exporter;

namespace CrmBot.Operations;

/// <summary>The <c>Telemetry</c> section of appsettings.json: where traces and metrics go, and who may read <c>/metrics</c>.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>The <c>service.name</c> resource attribute every exported trace and metric carries.</summary>
    [Required, MaxLength(100)]
    public string ServiceName { get; set; } = "crmbot";

    /// <summary>An OpenTelemetry collector (e.g. <c>http://127.0.0.1:4317</c>); empty: no OTLP export, and no traces at all.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>gRPC (the collector's port 4317) or HTTP/protobuf (port 4318, the signal's path is added).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>The path Prometheus scrapes; empty: no scraping endpoint.</summary>
    public string PrometheusEndpoint { get; set; } = "/metrics";

    /// <summary>
    /// Client networks besides this machine that may scrape (CIDR, e.g. <c>10.0.0.0/8</c>). Empty: this machine only,
    /// because the figures tell anyone how busy the shop is.
    /// </summary>
    public List<string> MetricsAllowedNetworks { get; set; } = [];

    /// <summary>How often the waiting escalations and active conversations are counted for the gauges.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    public bool ExportsOtlp => OtlpEndpoint.Length > 0;

    public bool ServesPrometheus => PrometheusEndpoint.Length > 0;

    public bool ExportsMetrics => ExportsOtlp || ServesPrometheus;

    /// <summary>The OTLP address for one signal: over HTTP the exporter wants the signal's full path (<c>v1/traces</c>).</summary>
    public Uri OtlpEndpointFor(string signalPath)
    {
        var root = new Uri(OtlpEndpoint.EndsWith('/') ? OtlpEndpoint : OtlpEndpoint + "/");
        return OtlpProtocol == OtlpExportProtocol.HttpProtobuf ? new Uri(root, signalPath) : new Uri(OtlpEndpoint);
    }

    public IReadOnlyList<IPNetwork> AllowedNetworks() => MetricsAllowedNetworks.Select(n => IPNetwork.Parse(n.Trim())).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ExportsOtlp && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var otlp) && (otlp.Scheme == Uri.UriSchemeHttp || otlp.Scheme == Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("Telemetry:OtlpEndpoint must be empty or an absolute http(s) address such as http://127.0.0.1:4317.", [nameof(OtlpEndpoint)]);
        }
        if (ServesPrometheus && (!PrometheusEndpoint.StartsWith('/') || PrometheusEndpoint.StartsWith("/health", StringComparison.OrdinalIgnoreCase)))
        {
            yield return new ValidationResult("Telemetry:PrometheusEndpoint must be empty or a path such as /metrics (not under /health).", [nameof(PrometheusEndpoint)]);
        }
        foreach (var network in MetricsAllowedNetworks.Where(n => !IPNetwork.TryParse(n.Trim(), out _)))
        {
            yield return new ValidationResult($"Telemetry:MetricsAllowedNetworks: '{network}' is not a network in CIDR notation such as 10.0.0.0/8.", [nameof(MetricsAllowedNetworks)]);
        }
    }
}

using CrmBot.Core.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CrmBot.Operations;

/// <summary>
/// OpenTelemetry for the service: our meter and activity source (<see cref="TurnTelemetry"/>) with ASP.NET Core,
/// HttpClient and runtime instrumentation, exported over OTLP when a collector is configured and scraped by
/// Prometheus at <c>Telemetry:PrometheusEndpoint</c>.
/// </summary>
public static class TelemetryServices
{
    public static void AddCrmBotTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Which exporters exist decides what is registered, so the section is read now; the same values are validated at start.
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.ExportsMetrics)
        {
            return;
        }
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(options.ServiceName));
        // Spans only go somewhere over OTLP: without a collector none are recorded at all.
        if (options.ExportsOtlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(TurnTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperationsRequest(http, options))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = options.OtlpEndpointFor("v1/traces");
                    o.Protocol = options.OtlpProtocol;
                }));
        }
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(TurnTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
            if (options.ServesPrometheus)
            {
                metrics.AddPrometheusExporter();
            }
            if (options.ExportsOtlp)
            {
                metrics.AddOtlpExporter(o =>
                {
                    o.Endpoint = options.OtlpEndpointFor("v1/metrics");
                    o.Protocol = options.OtlpProtocol;
                });
            }
        });
        services.AddHostedService<WorkloadGaugeRefresher>();
    }

    /// <summary>Answers Prometheus scrapes from allowed addresses (see <see cref="MetricsScrapeRule"/>); others get the 404 of an unknown path.</summary>
    public static WebApplication UseMetricsEndpoint(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.ServesPrometheus)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(new MetricsScrapeRule(options).Serves);
        }
        return app;
    }

    // Probes and scrapes every few seconds would drown the turns in the traces.
    private static bool IsOperationsRequest(HttpContext http, TelemetryOptions options) =>
        http.Request.Path.StartsWithSegments(HealthEndpoints.Root)
        || (options.ServesPrometheus && http.Request.Path.StartsWithSegments(options.PrometheusEndpoint));
}

using System.ComponentModel.DataAnnotations;
using System.Net;
using CrmBot.Operations;
using Microsoft.AspNetCore.Http;

namespace CrmBot.Tests.Operations;

public sealed class MetricsScrapeRuleTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("10.200.0.1", false)]
    [InlineData("192.168.1.20", false)]
    public void Scrapes_are_taken_from_this_machine_and_the_listed_networks_only(string caller, bool allowed)
    {
        var rule = new MetricsScrapeRule(new TelemetryOptions { MetricsAllowedNetworks = ["10.1.0.0/16"] });
        var http = new DefaultHttpContext();
        http.Request.Path = "/metrics";
        http.Connection.RemoteIpAddress = IPAddress.Parse(caller);

        Assert.Equal(allowed, rule.Serves(http));
    }

    [Fact]
    public void A_request_without_a_known_caller_is_refused()
    {
        var http = new DefaultHttpContext();
        http.Request.Path = "/metrics";

        Assert.False(new MetricsScrapeRule(new TelemetryOptions()).Serves(http));
    }

    [Theory]
    [InlineData("", "/metrics", "10.0.0.0/8", true)]
    [InlineData("http://127.0.0.1:4317", "", "", true)]
    [InlineData("collector:4317", "/metrics", "", false)]
    [InlineData("", "metrics", "", false)]
    [InlineData("", "/health/metrics", "", false)]
    [InlineData("", "/metrics", "10.0.0.0/33", false)]
    [InlineData("", "/metrics", "intranet", false)]
    public void Telemetry_settings_are_checked_at_start(string otlp, string prometheus, string network, bool valid)
    {
        var options = new TelemetryOptions
        {
            OtlpEndpoint = otlp,
            PrometheusEndpoint = prometheus,
            MetricsAllowedNetworks = network.Length == 0 ? [] : [network],
        };
        var errors = new List<ValidationResult>();

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
    }
}

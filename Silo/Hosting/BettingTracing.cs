using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>
/// Distributed tracing across grain calls, exported by OTLP (HTTP/protobuf) to <c>Betting:Tracing:OtlpEndpoint</c>
/// (a collector such as the OpenTelemetry Collector, Jaeger or Tempo: <c>http://collector:4318</c>). Off unless an
/// endpoint is configured: no listener means Orleans creates no activities at all.
/// </summary>
public static class BettingTracing
{
    public const string EndpointKey = "Betting:Tracing:OtlpEndpoint";
    public const string ExportMillisecondsKey = "Betting:Tracing:ExportMilliseconds";

    /// <summary>The activity sources traced: Orleans' grain calls (runtime and application) and ASP.NET Core's requests.</summary>
    public static readonly string[] Sources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.AspNetCore"];

    /// <summary>The OTLP endpoint configured, or null (tracing off).</summary>
    public static Uri? Endpoint(IConfiguration config)
    {
        var text = config[EndpointKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ConfigurationError(EndpointKey, $"'{text}' is not an http(s) URL of an OTLP receiver (e.g. http://collector:4318)");
    }

    public static void AddBettingTracing(this IServiceCollection services, IConfiguration config, string siloName)
    {
        if (Endpoint(config) is not { } endpoint)
        {
            return;
        }

        var traces = new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/v1/traces");
        var delay = Math.Clamp(config.GetValue(ExportMillisecondsKey, 5000), 100, 60_000);
        services
            .AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("orleans-betting-silo", serviceInstanceId: siloName))
            .WithTracing(tracing =>
                tracing
                    .AddSource(Sources)
                    .AddOtlpExporter(o =>
                    {
                        o.Endpoint = traces;
                        o.Protocol = OtlpExportProtocol.HttpProtobuf;
                        o.BatchExportProcessorOptions.ScheduledDelayMilliseconds = delay;
                    })
            );
    }
}

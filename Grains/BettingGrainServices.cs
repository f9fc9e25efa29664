using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.Configuration;
using Orleans.Betting.ExternalApis;
using Polly;
using Refit;

namespace Orleans.Betting;

/// <summary>
/// The services the grains need from their silo: one HttpClient per external API, each a
/// generated Refit client behind Microsoft.Extensions.Http.Resilience's standard pipeline
/// (total timeout, retry with exponential backoff + jitter honouring Retry-After, circuit
/// breaker, attempt timeout). Options per API from Betting:Apis:{api}:Resilience (the shape of
/// HttpStandardResilienceOptions) over our defaults; an opened circuit pauses the API's bucket.
/// </summary>
public static class BettingGrainServices
{
    public const string FootballDataBaseUrlKey = "Betting:FootballData:BaseUrl";
    public const string DefaultFootballDataBaseUrl = "https://www.football-data.co.uk/";

    public static IServiceCollection AddBettingGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBettingOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var clock = sp.GetRequiredService<IOptions<Clock.ClockOptions>>().Value;
            return new Clock.MarketTime(sp.GetRequiredService<TimeProvider>(), clock.LiveStartUtc, clock.LiveAnchorUtc, clock.Speed);
        });
        services.AddSingleton<Agents.AgentContext>();
        // The health monitor's anomaly models (Betting:Health:Detector:Model picks one; a silo may add its own).
        services.AddSingleton<Health.IAnomalyDetectorFactory, Health.RobustDetectorFactory>();
        services.AddSingleton<Health.IAnomalyDetectorFactory, Health.EwmaDetectorFactory>();
        services.AddSingleton<Strategies.MarketTimelineCache>();
        AddApi(
            services.AddRefitGeneratedClient<IOddsApi>(),
            configuration,
            ApiNames.Odds,
            Absolute(configuration, OddsApiOptions.BaseUrlKey, OddsApiOptions.DefaultBaseUrl),
            governed: true
        );
        AddApi(
            services.AddRefitGeneratedClient<IFootballDataApi>(),
            configuration,
            ApiNames.FootballData,
            Absolute(configuration, FootballDataBaseUrlKey, DefaultFootballDataBaseUrl),
            governed: true
        );

        // The webhook's URL may change with configuration reloads; read when a client is made.
        services
            .AddRefitGeneratedClient<INotificationWebhookApi>()
            .ConfigureHttpClient(
                (sp, c) =>
                    c.BaseAddress = NotificationWebhook.Authority(
                        sp.GetRequiredService<IOptionsMonitor<Agents.NotificationOptions>>().CurrentValue.WebhookUrl
                    )
            )
            .AddStandardResilienceHandler()
            .Configure(o => ApplyDefaults(o))
            .FromConfiguration(configuration, ApiNames.Webhook);
        services.AddSingleton<NotificationWebhook>();
        return services;
    }

    /// <summary>
    /// The API's body cap and deadline (<see cref="BoundedResponseHandler"/>, added as the innermost
    /// handler so far), and an answer abandoned at its cap closes its connection: never drained to reuse
    /// the connection (the rest may be huge or never come).
    /// </summary>
    private static IHttpClientBuilder WithBodyLimits(this IHttpClientBuilder client, string api) =>
        client
            .AddHttpMessageHandler(sp =>
            {
                var limits = sp.GetRequiredService<IOptionsMonitor<ResponseLimitOptions>>();
                return new BoundedResponseHandler(api, () => limits.Get(api));
            })
            .ConfigurePrimaryHttpMessageHandler(
                (handler, _) =>
                {
                    if (handler is SocketsHttpHandler sockets)
                    {
                        sockets.MaxResponseDrainSize = 0;
                    }
                }
            );

    /// <summary>The plain client of an API's recovery probes: one attempt, a short timeout, the body cap, no retry or breaker.</summary>
    public static string RecoveryProbeClient(string api) => $"recovery-probe:{api}";

    private static void AddApi(IHttpClientBuilder client, IConfiguration configuration, string api, Uri baseAddress, bool governed)
    {
        client
            .Services.AddHttpClient(
                RecoveryProbeClient(api),
                c =>
                {
                    c.BaseAddress = baseAddress;
                    c.Timeout = TimeSpan.FromSeconds(10);
                }
            )
            .WithBodyLimits(api);
        client
            .ConfigureHttpClient(c => c.BaseAddress = baseAddress)
            .AddStandardResilienceHandler()
            .Configure(o => ApplyDefaults(o))
            .FromConfiguration(configuration, api)
            .Configure(
                (o, sp) =>
                {
                    var grains = sp.GetService<IGrainFactory>();
                    if (grains is null)
                    {
                        return;
                    }

                    var silo = SiloName(sp);
                    var time = sp.GetRequiredService<TimeProvider>();
                    var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Orleans.Betting.ExternalApis");
                    // Said once per outage: an API that stays down re-opens the circuit after every half-open trial.
                    var open = 0;
                    o.CircuitBreaker.OnOpened = async args =>
                    {
                        var until = time.GetUtcNow().UtcDateTime + args.BreakDuration;
                        if (Interlocked.Exchange(ref open, 1) == 0)
                        {
                            logger.LogInformation(
                                "{Api} circuit opened on {Silo} until {Until:O}: the bucket pauses (an API we use that keeps failing becomes an incident)",
                                api,
                                silo,
                                until
                            );
                        }
                        else
                        {
                            logger.LogDebug("{Api} still failing on {Silo}: circuit open again until {Until:O}", api, silo, until);
                        }

                        grains.GetGrain<IApiUsageGrain>(api).RecordCircuitAsync(silo, CircuitState.Open, until).Ignore();
                        await Quietly(grains.GetGrain<ITokenBucketGrain>(api).PauseAsync(until, $"circuit open on {silo}"), logger);
                    };
                    o.CircuitBreaker.OnHalfOpened = _ =>
                    {
                        grains.GetGrain<IApiUsageGrain>(api).RecordCircuitAsync(silo, CircuitState.HalfOpen, null).Ignore();
                        return ValueTask.CompletedTask;
                    };
                    o.CircuitBreaker.OnClosed = async _ =>
                    {
                        Interlocked.Exchange(ref open, 0);
                        logger.LogInformation("{Api} circuit closed on {Silo}: the bucket resumes", api, silo);
                        grains.GetGrain<IApiUsageGrain>(api).RecordCircuitAsync(silo, CircuitState.Closed, null).Ignore();
                        await Quietly(grains.GetGrain<ITokenBucketGrain>(api).ResumeAsync(), logger);
                    };
                }
            );
        if (governed)
        {
            client.AddHttpMessageHandler(sp => new ApiCallHandler(
                api,
                sp.GetService<IGrainFactory>(),
                SiloName(sp),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<ApiCallHandler>()
            ));
        }

        // Innermost: each attempt's body is read (capped, with a deadline) before the attempt counts as answered.
        client.WithBodyLimits(api);
    }

    /// <summary>Betting:Apis:{api}:Resilience over the defaults, when the section is there.</summary>
    private static IHttpStandardResiliencePipelineBuilder FromConfiguration(
        this IHttpStandardResiliencePipelineBuilder builder,
        IConfiguration configuration,
        string api
    )
    {
        var section = configuration.GetSection($"Betting:Apis:{api}:Resilience");
        return section.Exists() ? builder.Configure(section) : builder;
    }

    /// <summary>Defaults sized for an odds feed polled every minute: quick retries, a breaker that trips on a burst of failures.</summary>
    private static void ApplyDefaults(HttpStandardResilienceOptions o)
    {
        o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(60);
        o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
        o.Retry.MaxRetryAttempts = 3;
        o.Retry.BackoffType = DelayBackoffType.Exponential;
        o.Retry.UseJitter = true;
        o.Retry.Delay = TimeSpan.FromMilliseconds(500);
        o.Retry.ShouldRetryAfterHeader = true;
        o.CircuitBreaker.FailureRatio = 0.5;
        o.CircuitBreaker.MinimumThroughput = 8;
        o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
        o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(15);
    }

    private static async Task Quietly(Task task, ILogger logger)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Could not update the token bucket after a circuit change");
        }
    }

    private static string SiloName(IServiceProvider sp) =>
        sp.GetService<ILocalSiloDetails>()?.SiloAddress.ToString() ?? Environment.MachineName;

    private static Uri Absolute(IConfiguration configuration, string key, string fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            text = fallback;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new ArgumentException($"{key}: '{text}' is not an absolute URL");
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Betting.Agents;
using Orleans.Betting.Clock;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Health;
using Orleans.Betting.Market;
using Orleans.Betting.Market.Live;

namespace Orleans.Betting.Configuration;

/// <summary>
/// Every typed option the grains read, bound once from configuration and validated at start
/// (<c>ValidateOnStart</c>): a bad value stops the silo with one line per problem naming the key.
/// Grains take <c>IOptions&lt;T&gt;</c> (or <c>IOptionsMonitor&lt;T&gt;</c> where a reload matters); none reads configuration.
/// </summary>
public static class BettingOptions
{
    public static IServiceCollection AddBettingOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .Section<AgentOptions>(configuration, AgentOptions.Section)
            .Configure(o =>
            {
                foreach (var (name, _) in AgentNames.All)
                {
                    if (configuration.GetSection(AgentOptions.Section).GetSection(name).GetValue<double?>("TickSeconds") is { } seconds)
                    {
                        o.TickSecondsByAgent[name] = seconds;
                    }
                }
            });
        services.Section<OrchestratorOptions>(configuration, OrchestratorOptions.Section);
        services.Section<RiskOptions>(configuration, RiskOptions.Section);
        services.Section<NotificationOptions>(configuration, NotificationOptions.Section);
        services.Section<MarketOptions>(configuration, MarketOptions.Section);
        services.Section<ClockOptions>(configuration, ClockOptions.Section);
        services.Section<HealthOptions>(configuration, HealthOptions.Section);
        services.Section<LiveOddsOptions>(configuration, LiveOddsOptions.Section);
        services.Section<OddsApiOptions>(configuration, OddsApiOptions.Section);
        foreach (var api in ApiNames.All)
        {
            services
                .AddOptions<TokenBucketOptions>(api)
                .Bind(configuration.GetSection(TokenBucketOptions.SectionFor(api)))
                .ValidateOnStart();
            services
                .AddOptions<ResponseLimitOptions>(api)
                .Bind(configuration.GetSection(TokenBucketOptions.SectionFor(api)))
                .ValidateOnStart();
        }

        services.AddSingleton<IValidateOptions<ResponseLimitOptions>>(
            new SectionValidator<ResponseLimitOptions>(TokenBucketOptions.SectionFor)
        );
        services.AddSingleton<IValidateOptions<TokenBucketOptions>>(
            new SectionValidator<TokenBucketOptions>(TokenBucketOptions.SectionFor)
        );
        return services;
    }

    private static OptionsBuilder<T> Section<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class, IValidatedOptions
    {
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(_ => section));
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace Orleans.Betting.Api;

/// <summary>The services the grains need from their silo: outbound HTTP clients with resilience.</summary>
public static class BettingGrainServices
{
    public const string FootballDataBaseUrlKey = "Betting:FootballData:BaseUrl";
    public const string DefaultFootballDataBaseUrl = "https://www.football-data.co.uk/";
    public const string OddsApiBaseUrlKey = "Betting:Apis:Odds:BaseUrl";
    public const string DefaultOddsApiBaseUrl = "https://api.the-odds-api.com/";

    private static Uri Absolute(IConfiguration configuration, string key, string fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            text = fallback;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"{key}: '{text}' is not an absolute URL");
    }

    public static IServiceCollection AddBettingGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        var baseUrl = configuration[FootballDataBaseUrlKey];
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            baseUrl = DefaultFootballDataBaseUrl;
        }

        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri))
        {
            throw new ArgumentException($"{FootballDataBaseUrlKey}: '{baseUrl}' is not an absolute URL");
        }

        services.AddSingleton<Strategies.MarketTimelineCache>();
        services.AddRefitGeneratedClient<IOddsApi>()
            .ConfigureHttpClient(c => c.BaseAddress = Absolute(configuration, OddsApiBaseUrlKey, DefaultOddsApiBaseUrl))
            .AddStandardResilienceHandler();
        services.AddRefitGeneratedClient<IFootballDataApi>()
            .ConfigureHttpClient(c => c.BaseAddress = baseUri)
            .AddStandardResilienceHandler();
        return services;
    }
}

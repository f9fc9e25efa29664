using Refit;

namespace Orleans.Betting.ExternalApis;

/// <summary>
/// The Odds API v4 (base address from configuration; the simulator stands in for it offline).
/// The key goes in the apiKey query parameter, as the API requires; it comes from configuration
/// only and must never reach a log (request URIs are redacted by the client wiring).
/// </summary>
public interface IOddsApi
{
    [Get("/v4/sports")]
    Task<ApiResponse<List<OddsSport>>> GetSportsAsync(
        [AliasAs("apiKey")] string apiKey,
        [AliasAs("all")] bool? all = null,
        CancellationToken cancellationToken = default
    );

    [Get("/v4/sports/{sport}/events")]
    Task<ApiResponse<List<OddsEvent>>> GetEventsAsync(
        string sport,
        [AliasAs("apiKey")] string apiKey,
        CancellationToken cancellationToken = default
    );

    [Get("/v4/sports/{sport}/odds")]
    Task<ApiResponse<List<OddsEvent>>> GetOddsAsync(
        string sport,
        [AliasAs("apiKey")] string apiKey,
        [AliasAs("regions")] string regions,
        [AliasAs("markets")] string markets,
        [AliasAs("oddsFormat")] string oddsFormat = "decimal",
        CancellationToken cancellationToken = default
    );

    [Get("/v4/sports/{sport}/scores")]
    Task<ApiResponse<List<ScoreEvent>>> GetScoresAsync(
        string sport,
        [AliasAs("apiKey")] string apiKey,
        [AliasAs("daysFrom")] int? daysFrom = null,
        CancellationToken cancellationToken = default
    );
}

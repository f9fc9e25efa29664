using Orleans.Betting.Configuration;
using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Market.Live;

/// <summary>Live odds polling (<c>Betting:LiveOdds</c>).</summary>
public sealed class LiveOddsOptions : IValidatedOptions
{
    public const string Section = "Betting:LiveOdds";

    /// <summary>Comma-separated sport keys (e.g. <c>soccer_epl,soccer_germany_bundesliga</c>); none: no polling.</summary>
    public string? Sports { get; set; }

    public string Regions { get; set; } = "uk,eu";

    public string Markets { get; set; } = "h2h,totals";

    /// <summary>The base polling period (the ApiManager slows it as the quota runs down).</summary>
    public double PollSeconds { get; set; } = 60;

    public SteamSettings Steam { get; set; } = new();

    /// <summary>The sport keys, parsed once.</summary>
    public IReadOnlyList<string> SportKeys =>
        (Sports ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>One poll of every configured market in every configured region, at the given priority.</summary>
    public LivePollRequest PollRequest(RequestPriority priority) => new(Regions, Markets, priority);

    public void Validate(OptionsProblems problems) =>
        problems
            .Require(
                SportKeys.All(s => s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')),
                nameof(Sports),
                Sports,
                "sport keys are letters, digits and underscores, comma-separated (e.g. soccer_epl)"
            )
            .Require(!string.IsNullOrWhiteSpace(Regions), nameof(Regions), Regions, "name at least one region (e.g. uk,eu)")
            .Require(!string.IsNullOrWhiteSpace(Markets), nameof(Markets), Markets, "name at least one market (e.g. h2h,totals)")
            .Positive(nameof(PollSeconds), PollSeconds)
            .Nested(
                nameof(Steam),
                s =>
                    s.Between(nameof(SteamSettings.MinMove), Steam.MinMove, 0.001, 1)
                        .Positive(nameof(SteamSettings.WindowMinutes), Steam.WindowMinutes)
                        .AtLeast(nameof(SteamSettings.MinBookmakers), Steam.MinBookmakers, 1)
            );
}

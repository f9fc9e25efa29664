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

    /// <summary>The fastest polling period (wall seconds); the quota plan's pace is never faster.</summary>
    public double PollSeconds { get; set; } = 60;

    /// <summary>The quota plan's pace (market minutes): within 6 h of a kick-off, within 48 h, further, and with nothing listed.</summary>
    public double PollNearMinutes { get; set; } = 10;

    public double PollDayMinutes { get; set; } = 60;

    public double PollFarMinutes { get; set; } = 360;

    public double PollIdleMinutes { get; set; } = 720;

    public ExternalApis.QuotaPlanTiers Tiers =>
        new(
            TimeSpan.FromMinutes(PollNearMinutes),
            TimeSpan.FromMinutes(PollDayMinutes),
            TimeSpan.FromMinutes(PollFarMinutes),
            TimeSpan.FromMinutes(PollIdleMinutes)
        );

    /// <summary>Credits one poll of every sport costs: markets × regions per sport.</summary>
    public int CostPerPoll =>
        SportKeys.Count
        * (Markets ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Length
        * (Regions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Length;

    public SteamSettings Steam { get; set; } = new();

    /// <summary>Decision times, in hours before kick-off (comma-separated): at each, the agents vote on the event with the latest prices.</summary>
    public string DecisionLeadHours { get; set; } = "48,6";

    /// <summary>A quote older than this (market time) is not bet on: the feed is stale.</summary>
    public double MaxQuoteAgeMinutes { get; set; } = 30;

    /// <summary>An event still without a completed score this long after kick-off is voided (stakes returned), with the reason.</summary>
    public double VoidAfterHours { get; set; } = 72;

    /// <summary>How often (market minutes) the agents settle from the scores endpoint while events await results.</summary>
    public double SettleEveryMinutes { get; set; } = 30;

    /// <summary>Settled or voided events stay in the live store this long (they live on in the league-season store).</summary>
    public double KeepSettledDays { get; set; } = 7;

    /// <summary>The decision leads, longest first.</summary>
    public IReadOnlyList<TimeSpan> DecisionLeads =>
        (DecisionLeadHours ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h =>
                double.TryParse(h, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
                    ? v
                    : double.NaN
            )
            .Where(v => v > 0 && double.IsFinite(v))
            .OrderDescending()
            .Select(TimeSpan.FromHours)
            .ToList();

    public TimeSpan MaxQuoteAge => TimeSpan.FromMinutes(MaxQuoteAgeMinutes);

    public TimeSpan VoidAfter => TimeSpan.FromHours(VoidAfterHours);

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
            .Positive(nameof(PollNearMinutes), PollNearMinutes)
            .Positive(nameof(PollDayMinutes), PollDayMinutes)
            .Positive(nameof(PollFarMinutes), PollFarMinutes)
            .Positive(nameof(PollIdleMinutes), PollIdleMinutes)
            .Require(
                DecisionLeads.Count > 0
                    && DecisionLeads.Count
                        == (DecisionLeadHours ?? "")
                            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                            .Length,
                nameof(DecisionLeadHours),
                DecisionLeadHours,
                "positive hours before kick-off, comma-separated (e.g. 48,6)"
            )
            .Positive(nameof(MaxQuoteAgeMinutes), MaxQuoteAgeMinutes)
            .Require(VoidAfterHours >= 3, nameof(VoidAfterHours), VoidAfterHours, "at least 3 hours (a match must be able to finish)")
            .Positive(nameof(KeepSettledDays), KeepSettledDays)
            .Positive(nameof(SettleEveryMinutes), SettleEveryMinutes)
            .Nested(
                nameof(Steam),
                s =>
                    s.Between(nameof(SteamSettings.MinMove), Steam.MinMove, 0.001, 1)
                        .Positive(nameof(SteamSettings.WindowMinutes), Steam.WindowMinutes)
                        .AtLeast(nameof(SteamSettings.MinBookmakers), Steam.MinBookmakers, 1)
            );
}

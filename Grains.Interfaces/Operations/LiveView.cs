namespace Orleans.Betting.Operations;

/// <summary>One sport of the live feed: its events, mapping, decisions ahead and its current problems.</summary>
public sealed record LiveSportView(
    string Sport,
    string? League,
    int Events,
    int Mapped,
    IReadOnlyList<string> Unmapped,
    DateTime? LastPollUtc,
    int Upcoming,
    int AwaitingResults,
    DateTime? NextDecisionUtc,
    long Settled,
    long Voided,
    long SkippedQuotes,
    long LayQuotes,
    long BadPrices,
    string? ScoresError,
    IReadOnlyList<string> Problems
);

/// <summary>The odds API's credits: used and remaining this month, and the month's forecast against the plan.</summary>
public sealed record CreditsView(
    long? Used,
    long? Remaining,
    double? ForecastMonth,
    long? MonthlyCredits,
    long? Reserve,
    double? PollMinutes,
    string? Plan,
    DateTime? MonthEndUtc
);

/// <summary>
/// The live market the agents trade. <see cref="FeedLagMarketSeconds"/> is market time (the simulator's
/// clock runs <see cref="ClockSpeed"/> times the wall clock): divide by the speed for wall seconds.
/// <see cref="Missing"/> says in one line what keeps the agents from trading, or is null.
/// </summary>
public sealed record LiveView(
    MarketLabel Market,
    DateTime? MarketTimeUtc,
    double ClockSpeed,
    string? State,
    string? Missing,
    IReadOnlyList<LiveSportView> Sports,
    int OpenBets,
    DateTime? NextDecisionUtc,
    double? FeedLagMarketSeconds,
    double? FeedLagWallSeconds,
    CreditsView Credits
);

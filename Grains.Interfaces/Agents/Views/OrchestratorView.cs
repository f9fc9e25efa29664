using System.Globalization;

namespace Orleans.Betting.Agents.Views;

/// <summary>The Orchestrator's cycle, what it deployed and bet, its search's learning and, when live, its trading.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.Orchestrator")]
public sealed record OrchestratorView(
    [property: Id(0)] int Cycle,
    [property: Id(1)] DateTime? NextWindowUtc,
    [property: Id(2)] int Deployed,
    [property: Id(3)] int BetsPlaced,
    [property: Id(4)] int Vetoes,
    [property: Id(5)] string Arms,
    [property: Id(6)] long FitTrials,
    [property: Id(7)] double SharpeVariance,
    [property: Id(8)] IReadOnlyDictionary<string, int> TestPeriodsOpened,
    [property: Id(9)] bool Finished,
    [property: Id(10)] bool IsLive,
    [property: Id(11)] LiveTradingView? Live,
    [property: Id(12)] DateTime? MarketTimeUtc,
    [property: Id(13)] string? LastReport,
    // The last search focus: each family's share of ideas and why (learned across cycles).
    [property: Id(14)] IReadOnlyList<string>? Focus = null,
    // The trial ledger per family across every search: trials, and those that paid in training.
    [property: Id(15)] IReadOnlyDictionary<string, int[]>? Families = null
) : AgentMemoryView
{
    public override IReadOnlyList<KeyValuePair<string, string>> Fields() =>
        [
            Field("cycle", Cycle),
            Field("nextWindowUtc", NextWindowUtc),
            Field("deployed", Deployed),
            Field("betsPlaced", BetsPlaced),
            Field("vetoes", Vetoes),
            Field("arms", Arms),
            Field("trialLedger", $"{FitTrials} fit trials, Sharpe variance {SharpeVariance.ToString("G3", CultureInfo.InvariantCulture)}"),
            Field("testPeriodsOpened", string.Join("; ", TestPeriodsOpened.Select(p => $"{p.Key} (cycle {p.Value})"))),
            Field("finished", Finished ? "yes" : "no"),
            Field("mode", IsLive ? "live" : "replay"),
            Field("live", Live?.Describe() ?? "-"),
            Field("sports", Live is { } live ? string.Join(",", live.Sports) : "-"),
            Field("marketTime", MarketTimeUtc),
            Field("last", LastReport ?? "-"),
            Field("focus", Focus is { Count: > 0 } focus ? string.Join("; ", focus) : "-"),
            Field(
                "families",
                Families is { Count: > 0 } families
                    ? string.Join(
                        ", ",
                        families.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value[1]}/{f.Value[0]} paid")
                    )
                    : "-"
            ),
        ];
}

/// <summary>Live trading's counts (or why it is degraded).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.LiveTrading")]
public sealed record LiveTradingView(
    [property: Id(0)] IReadOnlyList<string> Sports,
    [property: Id(1)] long Decisions,
    [property: Id(2)] long BetsPlaced,
    [property: Id(3)] long Refused,
    [property: Id(4)] long Voided,
    [property: Id(5)] string? Degraded
)
{
    public string Describe() =>
        Degraded is { } degraded
            ? $"degraded: {degraded}"
            : $"{string.Join(",", Sports)}: {Decisions} decisions, {BetsPlaced} bets placed, {Refused} refused, {Voided} voided";
}

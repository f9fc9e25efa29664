using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Health;
using Orleans.Betting.Market;

namespace Orleans.Betting.Agents;

/// <summary>
/// MarketIntelligence: keeps each configured sport's live polling at the ApiManager's pace, raises steam moves as
/// alerts (and stale lines: a book's price well above the sharp book's current one), and keeps steam moves as signals in our terms (<see cref="SteamSignal"/>) that the orchestrator reads before placing.
/// </summary>
public sealed class MarketIntelligenceAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<MarketIntelligenceMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    IOptions<Market.Live.LiveOddsOptions> liveOdds,
    ILogger<MarketIntelligenceAgent> logger
) : AgentGrain<MarketIntelligenceMemory>(record, context, logger), IMarketIntelligenceAgent
{
    protected override AgentRole Role => AgentRole.Specialist;

    protected override double DefaultTickSeconds => 5;

    protected override IReadOnlyList<string> Tools { get; } =
    [ToolNames.OddsPoll, ToolNames.OddsBoard, ToolNames.ApisPace, ToolNames.Notify];

    protected override Views.AgentMemoryView DescribeMemory() =>
        new Views.MarketIntelligenceView([.. Memory.PollSeconds.Keys], Memory.SteamAlerts, Memory.StaleAlerts, Memory.Signals.Count);

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        var sports = liveOdds.Value.SportKeys;
        if (sports.Count == 0)
        {
            return;
        }

        var pace = await UseToolAsync(
            ToolNames.ApisPace,
            () => grains.GetGrain<IApiManagerAgent>(AgentNames.ApiManager).RecommendedPollSecondsAsync()
        );
        foreach (var sport in sports)
        {
            var live = grains.GetGrain<ILiveOddsGrain>(sport);
            if (!Memory.PollSeconds.GetValueOrDefault(sport).Equals(pace))
            {
                if (double.IsPositiveInfinity(pace))
                {
                    // The month's spendable credits are gone: stop before the reserve (Critical calls keep it).
                    await UseToolAsync(ToolNames.OddsPoll, () => live.StopPollingAsync());
                }
                else
                {
                    var request = liveOdds.Value.PollRequest(RequestPriority.Background);
                    await UseToolAsync(ToolNames.OddsPoll, () => live.StartPollingAsync(request, TimeSpan.FromSeconds(pace)));
                }

                Decide(
                    0,
                    DecisionKind.PollPace,
                    double.IsPositiveInfinity(pace)
                        ? $"{sport}: stopped"
                        : $"{sport} every {pace.ToString("0.###", CultureInfo.InvariantCulture)} s",
                    [],
                    new Dictionary<string, string> { ["advisedBy"] = AgentNames.ApiManager },
                    ["the ApiManager's quota plan"]
                );
                Memory.PollSeconds[sport] = pace;
            }

            var board = await UseToolAsync(ToolNames.OddsBoard, () => live.GetBoardAsync());
            foreach (var e in board.Events)
            {
                foreach (var steam in e.Steam.Where(m => m.DetectedUtc > Memory.LastSteamUtc.GetValueOrDefault(sport)))
                {
                    Memory.SteamAlerts++;
                    if (
                        Market.Live.LiveEventMapper.SelectionOf(sport, steam.Market, steam.Outcome, steam.Point, e.HomeTeam, e.AwayTeam) is
                        { } selection
                    )
                    {
                        Memory.Signals.Add(
                            new SteamSignal(
                                sport,
                                e.EventId,
                                selection,
                                steam.Kind,
                                steam.FromProbability,
                                steam.ToProbability,
                                steam.DetectedUtc,
                                $"{string.Join(", ", steam.Bookmakers)}, first {steam.FirstMover}"
                            )
                        );
                    }

                    await UseToolAsync(
                        ToolNames.Notify,
                        () =>
                            AlertAsync(
                                new Alert(
                                    $"steam|{e.EventId}|{steam.Market}|{steam.Outcome}|{steam.Direction}",
                                    Severity.Info,
                                    AgentNames.MarketIntelligence,
                                    $"Steam {steam.Kind}: {e.HomeTeam} v {e.AwayTeam} {steam.Market} {steam.Outcome} {steam.FromProbability:P0}→{steam.ToProbability:P0} at {string.Join(", ", steam.Bookmakers)} (first {steam.FirstMover})"
                                )
                            )
                    );
                }
            }

            // Stale lines: one alert per bookmaker and market day naming how many and the worst (a planted or lagging
            // book has dozens at once: one line each would drown the alerts that matter).
            var stale = board.Events.SelectMany(e => Decisions.StaleBooks.Find(e)).ToList();
            var day = MarketUtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var book in stale.GroupBy(x => x.Bookmaker).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var key = $"stale|{sport}|{book.Key}|{day}";
                if (!Memory.StaleKeys.Add(key))
                {
                    continue;
                }

                Memory.StaleAlerts++;
                var worst = book.MaxBy(x => x.Above)!;
                await UseToolAsync(
                    ToolNames.Notify,
                    () =>
                        AlertAsync(
                            new Alert(
                                key,
                                Severity.Info,
                                AgentNames.MarketIntelligence,
                                string.Create(
                                    CultureInfo.InvariantCulture,
                                    $"{book.Count()} stale line(s) at {book.Key} on {sport} (market day {day}); the widest: {worst.Text}"
                                )
                            )
                        )
                );
            }

            if (Memory.StaleKeys.Count > 200)
            {
                Memory.StaleKeys = [.. Memory.StaleKeys.Order(StringComparer.Ordinal).TakeLast(200)];
            }

            var latest = board
                .Events.SelectMany(e => e.Steam)
                .Select(m => m.DetectedUtc)
                .DefaultIfEmpty(Memory.LastSteamUtc.GetValueOrDefault(sport))
                .Max();
            Memory.LastSteamUtc[sport] = latest;
        }

        // Signals are for decisions still to come: two market days, at most 200.
        if (Memory.Signals.Count > 0)
        {
            var newest = Memory.Signals.Max(x => x.DetectedUtc);
            Memory.Signals.RemoveAll(x => newest - x.DetectedUtc > TimeSpan.FromDays(2));
            if (Memory.Signals.Count > 200)
            {
                Memory.Signals.RemoveRange(0, Memory.Signals.Count - 200);
            }
        }
    }

    public Task<IReadOnlyList<SteamSignal>> SteamSignalsAsync() =>
        Task.FromResult<IReadOnlyList<SteamSignal>>(Memory.Signals.OrderBy(x => x.DetectedUtc).ToList());
}

[GenerateSerializer]
[Alias("betting.MarketIntelligenceMemory")]
public sealed class MarketIntelligenceMemory
{
    [Id(0)]
    public Dictionary<string, double> PollSeconds { get; set; } = [];

    [Id(1)]
    public Dictionary<string, DateTime> LastSteamUtc { get; set; } = [];

    [Id(2)]
    public long SteamAlerts { get; set; }

    [Id(3)]
    public List<SteamSignal> Signals { get; set; } = [];

    /// <summary>Stale-line alerts raised (stale|sport|bookmaker|market day): one per bookmaker and day.</summary>
    [Id(4)]
    public HashSet<string> StaleKeys { get; set; } = [];

    [Id(5)]
    public long StaleAlerts { get; set; }
}

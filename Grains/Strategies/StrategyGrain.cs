using System.Diagnostics;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Runtime;

namespace Orleans.Betting.Strategies;

/// <summary>
/// One strategy: its spec, lifecycle with reasons, backtest reports and consensus weight, persisted.
/// Season data is fetched from the league-season grains as immutable payloads and cached per
/// activation (revalidated by version), so repeated backtests do not move the data again.
/// </summary>
public sealed class StrategyGrain(
    [PersistentState("strategy", StorageNames.Betting)] IPersistentState<StrategyState> state,
    IGrainFactory grains) : Grain, IStrategyGrain
{
    private const int ReportsKept = 20;
    private const int EquityPointsKept = 500;
    private readonly Dictionary<string, SeasonData> seasonCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> seasonVersions = new(StringComparer.Ordinal);

    public async Task<StrategyInfo> DefineAsync(string spec)
    {
        var parsed = StrategySpec.Parse(spec);
        _ = StrategyFactory.Create(parsed); // validates the parameters now, not at the first backtest
        var id = this.GetPrimaryKeyString();
        if (parsed.Id != id)
        {
            throw new ArgumentException($"spec '{parsed.Text}' has id {parsed.Id}, not {id}");
        }

        var s = state.State;
        if (s.Spec is null)
        {
            s.Spec = parsed.Text;
            s.History.Add(new LifecycleChange(StrategyLifecycle.Candidate, StrategyLifecycle.Candidate, "defined", DateTime.UtcNow));
            await state.WriteStateAsync();
        }

        return Info();
    }

    public async Task<BacktestReport> BacktestAsync(BacktestRequest request, CancellationToken cancellationToken = default)
    {
        var s = state.State;
        if (s.Spec is null)
        {
            throw new InvalidOperationException($"strategy {this.GetPrimaryKeyString()} is not defined; call DefineAsync first");
        }

        if (request.Seasons.Count == 0)
        {
            throw new ArgumentException("at least one season is needed");
        }

        var clock = Stopwatch.StartNew();
        var strategy = StrategyFactory.Create(StrategySpec.Parse(s.Spec));
        var staking = StakingPlan.Parse(request.Staking);
        var seasons = await Task.WhenAll(request.Seasons.Select(season => LoadAsync($"{request.League}/{season}")));
        var missing = request.Seasons.Where((season, i) => seasons[i].Matches.Length == 0).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException($"no market data for {request.League} {string.Join(", ", missing)}: import or download it first");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var timeline = new MarketTimeline(seasons.SelectMany(x => x.Matches));
        var result = BacktestEngine.Run(timeline, strategy,
            new BacktestOptions(staking, StakeLimits.None, request.InitialBankroll, request.BootstrapSamples, request.Seed));
        var m = result.Metrics;
        var figures = new BacktestFigures(m.Bets, m.Wins, m.Staked, m.Profit, m.Roi, m.HitRate, m.AveragePrice, m.MaxDrawdown,
            m.SharpePerBet, m.TStatistic, double.IsNaN(m.MeanClv) ? null : m.MeanClv, m.ClvBets,
            double.IsNaN(m.RoiLow95) ? 0 : m.RoiLow95, double.IsNaN(m.RoiHigh95) ? 0 : m.RoiHigh95, m.FinalBankroll);
        var report = new BacktestReport(this.GetPrimaryKeyString(), s.Spec, request.League, request.Seasons, staking.ToString(),
            timeline.Count, figures, Equity(result, request.InitialBankroll), DateTime.UtcNow, clock.Elapsed.TotalMilliseconds);

        s.Reports.Add(report);
        if (s.Reports.Count > ReportsKept)
        {
            s.Reports.RemoveRange(0, s.Reports.Count - ReportsKept);
        }

        await state.WriteStateAsync();
        return report;
    }

    public Task<StrategyInfo> GetAsync() => Task.FromResult(Info());

    private StrategyInfo Info()
    {
        var s = state.State;
        return new StrategyInfo(this.GetPrimaryKeyString(), s.Spec ?? "", s.Lifecycle, s.History.ToArray(), s.Reports.ToArray(), s.ConsensusWeight);
    }

    private async Task<SeasonData> LoadAsync(string key)
    {
        var grain = grains.GetGrain<ILeagueSeasonGrain>(key);
        var summary = await grain.SummaryAsync();
        if (seasonCache.TryGetValue(key, out var cached) && seasonVersions[key] == summary.Version)
        {
            return cached;
        }

        var data = await grain.GetAsync();
        seasonCache[key] = data;
        seasonVersions[key] = summary.Version;
        return data;
    }

    /// <summary>The bankroll path, thinned to at most a few hundred points for reports and charts.</summary>
    private static EquityPoint[] Equity(BacktestResult result, double initial)
    {
        var bets = result.Bets;
        if (bets.Count == 0)
        {
            return [];
        }

        var step = Math.Max(1, (int)Math.Ceiling(bets.Count / (double)EquityPointsKept));
        var points = new List<EquityPoint> { new(result.KickoffUtc(bets[0]), initial) };
        for (var i = step - 1; i < bets.Count; i += step)
        {
            points.Add(new EquityPoint(result.KickoffUtc(bets[i]), bets[i].BankrollAfter));
        }

        if (points[^1].Bankroll != bets[^1].BankrollAfter)
        {
            points.Add(new EquityPoint(result.KickoffUtc(bets[^1]), bets[^1].BankrollAfter));
        }

        return points.ToArray();
    }
}

[GenerateSerializer]
public sealed class StrategyState
{
    [Id(0)] public string? Spec { get; set; }
    [Id(1)] public StrategyLifecycle Lifecycle { get; set; } = StrategyLifecycle.Candidate;
    [Id(2)] public List<LifecycleChange> History { get; set; } = [];
    [Id(3)] public List<BacktestReport> Reports { get; set; } = [];
    [Id(4)] public double ConsensusWeight { get; set; } = 1.0;
}

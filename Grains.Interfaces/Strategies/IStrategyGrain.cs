namespace Orleans.Betting.Strategies;

/// <summary>Lifecycle of a strategy (DESIGN §4).</summary>
public enum StrategyLifecycle
{
    Candidate,
    Validated,
    Deployed,
    Retired,
    Rejected,
}

/// <summary>A strategy = family + parameters, e.g. "baseline:outcome=home,price=pinnacle-closing".</summary>
[GenerateSerializer, Immutable]
public sealed record StrategySpec(
    [property: Id(0)] string Family,
    [property: Id(1)] IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>Canonical text: family, then parameters sorted by name.</summary>
    public string Text => Parameters.Count == 0
        ? Family
        : $"{Family}:{string.Join(',', Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}";

    /// <summary>A stable id derived from the canonical text (same spec, same grain).</summary>
    public string Id => $"{Family}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Text)))[..12].ToLowerInvariant()}";

    public static StrategySpec Parse(string text)
    {
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':');
        var family = (colon < 0 ? trimmed : trimmed[..colon]).Trim().ToLowerInvariant();
        if (family.Length == 0)
        {
            throw new ArgumentException($"strategy '{text}': the family is missing (expected family:key=value,...)");
        }

        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (colon >= 0)
        {
            foreach (var pair in trimmed[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0 || eq == pair.Length - 1)
                {
                    throw new ArgumentException($"strategy '{text}': '{pair}' is not key=value");
                }

                if (!parameters.TryAdd(pair[..eq].Trim().ToLowerInvariant(), pair[(eq + 1)..].Trim().ToLowerInvariant()))
                {
                    throw new ArgumentException($"strategy '{text}': parameter '{pair[..eq]}' is given twice");
                }
            }
        }

        return new StrategySpec(family, parameters);
    }
}

/// <summary>
/// A backtest: <see cref="League"/> may list several leagues ("E0,D1"). Stress knobs for the
/// validators: prices worse by a share, a share of bets refused (seeded), closing prices only;
/// <see cref="KeepReport"/> false for the many quick evaluations of a swarm.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BacktestRequest(
    [property: Id(0)] string League,
    [property: Id(1)] IReadOnlyList<string> Seasons,
    [property: Id(2)] string Staking = "flat",
    [property: Id(3)] double InitialBankroll = 1000,
    [property: Id(4)] int Seed = 1,
    [property: Id(5)] int BootstrapSamples = 2000,
    [property: Id(6)] double PriceWorsening = 0,
    [property: Id(7)] double RefuseShare = 0,
    [property: Id(8)] bool ClosingOnly = false,
    [property: Id(9)] bool KeepReport = true,
    [property: Id(10)] bool IncludeReturns = false);

[GenerateSerializer, Immutable]
public sealed record BacktestFigures(
    [property: Id(0)] int Bets,
    [property: Id(1)] int Wins,
    [property: Id(2)] double Staked,
    [property: Id(3)] double Profit,
    [property: Id(4)] double Roi,
    [property: Id(5)] double HitRate,
    [property: Id(6)] double AveragePrice,
    [property: Id(7)] double MaxDrawdown,
    [property: Id(8)] double SharpePerBet,
    [property: Id(9)] double TStatistic,
    [property: Id(10)] double? MeanClv,
    [property: Id(11)] int ClvBets,
    [property: Id(12)] double RoiLow95,
    [property: Id(13)] double RoiHigh95,
    [property: Id(14)] double FinalBankroll);

[GenerateSerializer, Immutable]
public sealed record BacktestReport(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string Spec,
    [property: Id(2)] string League,
    [property: Id(3)] IReadOnlyList<string> Seasons,
    [property: Id(4)] string Staking,
    [property: Id(5)] int MatchesEvaluated,
    [property: Id(6)] BacktestFigures Figures,
    [property: Id(7)] IReadOnlyList<EquityPoint> Equity,
    [property: Id(8)] DateTime RanUtc,
    [property: Id(9)] double ElapsedMs,
    [property: Id(10)] double[]? Returns = null,
    [property: Id(11)] IReadOnlyDictionary<string, double>? RoiBySeason = null);

[GenerateSerializer, Immutable]
public readonly record struct EquityPoint([property: Id(0)] DateTime Utc, [property: Id(1)] double Bankroll);

[GenerateSerializer, Immutable]
public sealed record StrategyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Spec,
    [property: Id(2)] StrategyLifecycle Lifecycle,
    [property: Id(3)] IReadOnlyList<LifecycleChange> History,
    [property: Id(4)] IReadOnlyList<BacktestReport> Reports,
    [property: Id(5)] double ConsensusWeight,
    [property: Id(6)] IReadOnlyList<Swarms.ValidatorVerdict>? Verdicts = null,
    [property: Id(7)] string? PausedReason = null,
    [property: Id(8)] DateTime? ResumedUtc = null);

[GenerateSerializer, Immutable]
public sealed record LifecycleChange(
    [property: Id(0)] StrategyLifecycle From,
    [property: Id(1)] StrategyLifecycle To,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTime AtUtc);

/// <summary>One strategy (key: its id): spec, lifecycle with reasons, backtest reports, consensus weight.</summary>
public interface IStrategyGrain : IGrainWithStringKey
{
    Task<StrategyInfo> DefineAsync(string spec, bool persist = true);

    Task<BacktestReport> BacktestAsync(BacktestRequest request, CancellationToken cancellationToken = default);

    Task<StrategyInfo> GetAsync();

    /// <summary>Moves the lifecycle, keeping the reason (Candidate → Validated → Deployed → Retired/Rejected).</summary>
    Task<StrategyInfo> TransitionAsync(StrategyLifecycle to, string reason);

    /// <summary>Keeps each validator's verdict and figures on the strategy.</summary>
    Task RecordValidationAsync(string runId, IReadOnlyList<Swarms.ValidatorVerdict> verdicts, bool approved);

    /// <summary>Sets the weight of this strategy's votes from its live track record, keeping the reason.</summary>
    Task<StrategyInfo> SetConsensusWeightAsync(double weight, string reason);

    /// <summary>Stops the strategy's votes counting (weight 0) until resumed; weight updates wait meanwhile.</summary>
    Task<StrategyInfo> PauseAsync(string reason);

    Task<StrategyInfo> UnpauseAsync(string reason);

    /// <summary>This strategy's votes on the given matches, as of the clock (only facts known then).</summary>
    Task<IReadOnlyList<Swarms.Vote>> VoteAsync(VoteRequest request, CancellationToken cancellationToken = default);
}

[GenerateSerializer, Immutable]
public sealed record VoteRequest(
    [property: Id(0)] IReadOnlyList<string> Leagues,
    [property: Id(1)] IReadOnlyList<string> Seasons,
    [property: Id(2)] DateTime ClockUtc,
    [property: Id(3)] IReadOnlyList<string> MatchIds);

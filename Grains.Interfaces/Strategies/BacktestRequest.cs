namespace Orleans.Betting.Strategies;

/// <summary>
/// A backtest: <see cref="League"/> may list several leagues ("E0,D1"). Stress knobs for the
/// validators: prices worse by a share, a share of bets refused (seeded), closing prices only;
/// <see cref="KeepReport"/> false for the many quick evaluations of a swarm. <see cref="WarmUpSeasons"/>
/// (strictly before <see cref="Seasons"/>) are replayed for the strategy to learn from but never bet,
/// so rating models are warm when the tested seasons start; <see cref="Blocks"/> &gt; 0 also reports
/// profit and stake in that many equal time blocks (for PBO).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.BacktestRequest")]
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
    [property: Id(10)] bool IncludeReturns = false,
    [property: Id(11)] IReadOnlyList<string>? WarmUpSeasons = null,
    [property: Id(12)] int Blocks = 0
);

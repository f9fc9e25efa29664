namespace Orleans.Betting.Strategies;

/// <summary>One strategy (key: its id): spec, lifecycle with reasons, backtest reports, consensus weight.</summary>
public interface IStrategyGrain : IGrainWithStringKey
{
    Task<StrategyInfo> DefineAsync(StrategySpec spec, bool persist = true);

    Task<BacktestReport> BacktestAsync(BacktestRequest request, CancellationToken cancellationToken = default);

    [ClientReadable]
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

    /// <summary>This strategy's votes on the given matches, as of the clock (only facts known then); a paused one abstains.</summary>
    Task<Swarms.Ballot> VoteAsync(VoteRequest request, CancellationToken cancellationToken = default);

    /// <summary>The second round: sees the first round's tally and dissent and may revise its own votes (never toward a price it has not seen).</summary>
    Task<Swarms.DeliberatedBallot> ReviseAsync(Swarms.DeliberationRequest request);
}

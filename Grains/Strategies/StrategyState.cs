using Orleans.Betting.Swarms;

namespace Orleans.Betting.Strategies;

[GenerateSerializer]
[Alias("betting.StrategyState")]
public sealed class StrategyState
{
    [Id(0)]
    public StrategySpec? Spec { get; set; }

    [Id(1)]
    public StrategyLifecycle Lifecycle { get; set; } = StrategyLifecycle.Candidate;

    [Id(2)]
    public List<LifecycleChange> History { get; set; } = [];

    [Id(3)]
    public List<BacktestReport> Reports { get; set; } = [];

    [Id(4)]
    public double ConsensusWeight { get; set; } = 1.0;

    [Id(5)]
    public List<ValidatorVerdict> Verdicts { get; set; } = [];

    [Id(6)]
    public string? PausedReason { get; set; }

    [Id(7)]
    public double WeightBeforePause { get; set; } = 1.0;

    [Id(8)]
    public DateTime? ResumedUtc { get; set; }
}

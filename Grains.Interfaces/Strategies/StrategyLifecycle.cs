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

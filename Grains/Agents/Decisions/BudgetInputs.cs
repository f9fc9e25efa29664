namespace Orleans.Betting.Agents.Decisions;

/// <summary>What the budget decision looks at.</summary>
public sealed record BudgetInputs(
    double SecondsAvailable,
    double SecondsPerCandidate,
    int FreeCapacity,
    IReadOnlyList<(int Candidates, int Deployed)> RecentRuns,
    int Minimum = 20,
    int Maximum = 400
);

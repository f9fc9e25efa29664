namespace Orleans.Betting.Agents.Decisions;

/// <summary>What the budget decision looks at. <see cref="SecondsAvailable"/> is null on virtual (replay) time, where the clock waits for the search and only the cap limits it.</summary>
public sealed record BudgetInputs(
    double? SecondsAvailable,
    double SecondsPerCandidate,
    int FreeCapacity,
    IReadOnlyList<(int Candidates, int Deployed)> RecentRuns,
    int Minimum = 20,
    int Maximum = 400
);

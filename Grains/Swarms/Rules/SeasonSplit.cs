namespace Orleans.Betting.Swarms.Rules;

/// <summary>How a run's training seasons divide between the generation's search and the out-of-sample confirmation.</summary>
public static class SeasonSplit
{
    /// <summary>
    /// The training seasons the generation searches: with three or more, the last third is held back
    /// (<see cref="Confirm"/>) and tested out of sample together with the test seasons. The search
    /// never sees them, so every season after the search counts as evidence, and the gate's test has
    /// twice the data the test seasons alone would give; the test seasons stay untouched as before.
    /// </summary>
    public static IReadOnlyList<string> Search(IReadOnlyList<string> train) =>
        train.Order(StringComparer.Ordinal).Take(train.Count - ConfirmCount(train)).ToList();

    public static IReadOnlyList<string> Confirm(IReadOnlyList<string> train) =>
        train.Order(StringComparer.Ordinal).Skip(train.Count - ConfirmCount(train)).ToList();

    private static int ConfirmCount(IReadOnlyList<string> train) => train.Count >= 3 ? train.Count / 3 : 0;
}

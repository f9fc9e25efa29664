namespace Orleans.Betting.Quant.Features;

/// <summary>
/// One team's feature as a step function of the timeline: the value after each match (by index)
/// that changed it. Reading it "after the first n matches" takes the last step before n, so a
/// feature computed once over the whole timeline answers any point in time without replaying it.
/// </summary>
internal sealed class TeamSeries<T>
    where T : struct
{
    private readonly List<int> at = [];
    private readonly List<T> values = [];

    public int Steps => at.Count;

    /// <summary>One empty series for each of <paramref name="count"/> teams (or leagues).</summary>
    public static TeamSeries<T>[] For(int count) => Enumerable.Range(0, count).Select(_ => new TeamSeries<T>()).ToArray();

    /// <summary>Records the value after match <paramref name="match"/>; matches come in index order.</summary>
    public void Add(int match, T value)
    {
        at.Add(match);
        values.Add(value);
    }

    /// <summary>The value after the last step among the first <paramref name="known"/> matches, or false before the first.</summary>
    public bool TryAt(int known, out T value, out int steps)
    {
        steps = StepsBefore(known);
        if (steps == 0)
        {
            value = default;
            return false;
        }

        value = values[steps - 1];
        return true;
    }

    /// <summary>How many steps fall among the first <paramref name="known"/> matches.</summary>
    public int StepsBefore(int known)
    {
        var i = at.BinarySearch(known);
        return i < 0 ? ~i : i;
    }

    public T this[int step] => values[step];
}

namespace Orleans.Betting.Agents;

/// <summary>
/// One page of an agent's decision journal (key: <c>{agent}/{page}</c>): up to
/// <see cref="PageSize"/> decisions numbered by the agent's sequence, appended once and read by
/// cursor. The journal lives in pages so an agent's own record never carries its history.
/// </summary>
public interface IAgentJournalGrain : IGrainWithStringKey
{
    public const int PageSize = 256;

    public static string Key(string agent, long page) => $"{agent}/{page}";

    /// <summary>The page of a sequence number (the first decision is number 1).</summary>
    public static long PageOf(long sequence) => (sequence - 1) / PageSize;

    /// <summary>Appends decisions numbered from <paramref name="firstSequence"/>; numbers already held are skipped (a retried flush adds nothing twice).</summary>
    Task AppendAsync(long firstSequence, IReadOnlyList<AgentDecision> decisions);

    /// <summary>The page's entries numbered after <paramref name="afterSequence"/>, oldest first.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [ClientReadable]
    Task<IReadOnlyList<AuditEntry>> ReadAsync(long afterSequence, int limit = PageSize);

    /// <summary>Retention: the page and its stored record go.</summary>
    Task ForgetAsync();
}

namespace Orleans.Betting.Agents;

/// <summary>A page of an agent's decision journal: bounded (one page of decisions), written once per flush, read by cursor.</summary>
/// <remarks>Placed beside its agent: the agent's flush, at the end of every tick with decisions, stays a local call.</remarks>
[Orleans.Placement.PreferLocalPlacement]
public sealed class AgentJournalGrain([PersistentState("agent-journal", StorageNames.Betting)] IPersistentState<AgentJournalPage> page)
    : Grain,
        IAgentJournalGrain
{
    public async Task AppendAsync(long firstSequence, IReadOnlyList<AgentDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var p = page.State;
        var next = p.First + p.Entries.Count;
        if (p.Entries.Count == 0)
        {
            p.First = firstSequence;
            next = firstSequence;
        }

        if (firstSequence > next)
        {
            throw new InvalidOperationException(
                $"journal page {this.GetPrimaryKeyString()}: entry {firstSequence} would leave a gap after {next - 1}"
            );
        }

        var fresh = decisions.Skip((int)(next - firstSequence)).ToList();
        if (fresh.Count == 0)
        {
            return; // a retried flush: all held already
        }

        p.Entries.AddRange(fresh);
        try
        {
            await page.WriteStateAsync();
        }
        catch
        {
            p.Entries.RemoveRange(p.Entries.Count - fresh.Count, fresh.Count); // acknowledged means stored
            throw;
        }
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(long afterSequence, int limit = IAgentJournalGrain.PageSize)
    {
        var p = page.State;
        var skip = (int)Math.Clamp(afterSequence + 1 - p.First, 0, p.Entries.Count);
        return Task.FromResult<IReadOnlyList<AuditEntry>>(
            p.Entries.Skip(skip).Take(Security.ReadLimit.Clamp(limit)).Select((d, i) => new AuditEntry(p.First + skip + i, d)).ToList()
        );
    }

    public async Task ForgetAsync()
    {
        await page.ClearStateAsync();
        DeactivateOnIdle();
    }
}

[GenerateSerializer]
[Alias("betting.AgentJournalPage")]
public sealed class AgentJournalPage
{
    /// <summary>The sequence number of the first entry.</summary>
    [Id(0)]
    public long First { get; set; }

    [Id(1)]
    public List<AgentDecision> Entries { get; set; } = [];
}

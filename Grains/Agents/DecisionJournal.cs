using Microsoft.Extensions.Logging;

namespace Orleans.Betting.Agents;

/// <summary>
/// An agent's decisions after they are made: moved from its record into the journal's pages
/// (<see cref="IAgentJournalGrain"/>) on each tick, a page at a time, and read back newest first or by
/// cursor. It works on the agent's record and lives in the agent's activation.
/// </summary>
internal sealed class DecisionJournal<TMemory>(
    IPersistentState<AgentRecord<TMemory>> record,
    IGrainFactory grains,
    string name,
    AgentOptions options,
    ILogger logger
)
    where TMemory : class, new()
{
    private const int MaxPendingDecisions = 1000; // while the journal cannot be written

    public async Task<IReadOnlyList<AgentDecision>> ReadLatestAsync(int limit)
    {
        // What is journaled up to now, and what is not yet: taken together, before any await.
        var s = record.State;
        var flushed = s.JournalFlushed;
        var firstPage = s.JournalFirstPage;
        var pending = s.Decisions.ToList();
        limit = Security.ReadLimit.Clamp(limit);
        var older = new List<AgentDecision>();
        for (
            var page = flushed == 0 ? -1 : IAgentJournalGrain.PageOf(flushed);
            page >= firstPage && older.Count + pending.Count < limit;
            page--
        )
        {
            var entries = await Page(page).ReadAsync(page * IAgentJournalGrain.PageSize);
            older.InsertRange(0, entries.Where(e => e.Sequence <= flushed).Select(e => e.Decision));
        }

        return older.Concat(pending).TakeLast(limit).ToList();
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadSinceAsync(long afterSequence, int limit)
    {
        var s = record.State;
        var flushed = s.JournalFlushed;
        var pending = s.Decisions.ToList();
        limit = Security.ReadLimit.Clamp(limit);
        var result = new List<AuditEntry>();
        // Pages forgotten by retention are skipped: the cursor moves to the oldest page kept.
        var cursor = Math.Max(afterSequence, s.JournalFirstPage * IAgentJournalGrain.PageSize);
        while (result.Count < limit && cursor < flushed)
        {
            var page = IAgentJournalGrain.PageOf(cursor + 1);
            var entries = (await Page(page).ReadAsync(cursor, limit - result.Count)).Where(e => e.Sequence <= flushed).ToList();
            if (entries.Count == 0)
            {
                cursor = (page + 1) * IAgentJournalGrain.PageSize; // an empty page (lost to a failed write): past it
                continue;
            }

            result.AddRange(entries);
            cursor = entries[^1].Sequence;
        }

        result.AddRange(
            pending.Select((d, i) => new AuditEntry(flushed + 1 + i, d)).Where(e => e.Sequence > afterSequence).Take(limit - result.Count)
        );
        return result;
    }

    private IAgentJournalGrain Page(long page) => grains.GetGrain<IAgentJournalGrain>(IAgentJournalGrain.Key(name, page));

    /// <summary>
    /// Moves the decisions made since the last flush into the journal's pages (a page at a time,
    /// idempotent by number), then lets go of pages beyond retention. If the journal cannot be
    /// written they wait in the record, bounded: past the bound the oldest go, counted.
    /// </summary>
    public async Task FlushAsync()
    {
        var s = record.State;
        if (s.Decisions.Count == 0)
        {
            return;
        }

        var next = s.JournalFlushed + 1;
        var done = 0;
        try
        {
            while (done < s.Decisions.Count)
            {
                var page = IAgentJournalGrain.PageOf(next);
                var room = (int)((page + 1) * IAgentJournalGrain.PageSize - next + 1);
                var chunk = s.Decisions.Skip(done).Take(room).ToList();
                // Bounded: a page on a silo that just died must not hold up the agent's ticks (a retried append adds nothing twice).
                await Page(page).AppendAsync(next, chunk).WaitAsync(TimeSpan.FromSeconds(5));
                next += chunk.Count;
                done += chunk.Count;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            AgentLog.JournalFailed(logger, name, s.Decisions.Count - done, e.Message);
        }

        s.JournalFlushed = next - 1;
        s.Decisions.RemoveRange(0, done);
        if (s.Decisions.Count > MaxPendingDecisions)
        {
            var drop = s.Decisions.Count - MaxPendingDecisions;
            // Unjournaled numbers are provisional: the ones kept take the dropped ones' numbers, so the pages stay gapless.
            s.Decisions.RemoveRange(0, drop);
            s.JournalDropped += drop;
        }

        var keepFrom = IAgentJournalGrain.PageOf(Math.Max(1, s.JournalFlushed)) - options.JournalPages + 1;
        while (s.JournalFirstPage < keepFrom)
        {
            try
            {
                await Page(s.JournalFirstPage).ForgetAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                AgentLog.JournalFailed(logger, name, 0, $"page {s.JournalFirstPage} not forgotten: {e.Message}");
                break;
            }

            s.JournalFirstPage++;
        }
    }
}

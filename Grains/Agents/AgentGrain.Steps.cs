using Microsoft.Extensions.Logging;

namespace Orleans.Betting.Agents;

// Steps, tools and decisions: idempotent step ids, the tool registry every outbound call goes through, and the decision log.
public abstract partial class AgentGrain<TMemory>
{
    public async Task<IReadOnlyList<AgentDecision>> GetDecisionsAsync(int limit = 200)
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
            var entries = await Journal(page).ReadAsync(page * IAgentJournalGrain.PageSize);
            older.InsertRange(0, entries.Where(e => e.Sequence <= flushed).Select(e => e.Decision));
        }

        return older.Concat(pending).TakeLast(limit).ToList();
    }

    public async Task<IReadOnlyList<AuditEntry>> GetDecisionsSinceAsync(long afterSequence, int limit = 500)
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
            var entries = (await Journal(page).ReadAsync(cursor, limit - result.Count)).Where(e => e.Sequence <= flushed).ToList();
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

    private IAgentJournalGrain Journal(long page) => GrainFactory.GetGrain<IAgentJournalGrain>(IAgentJournalGrain.Key(Name, page));

    /// <summary>
    /// Moves the decisions made since the last flush into the journal's pages (a page at a time,
    /// idempotent by number), then lets go of pages beyond retention. If the journal cannot be
    /// written they wait in the record, bounded: past the bound the oldest go, counted.
    /// </summary>
    private async Task FlushJournalAsync()
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
                await Journal(page).AppendAsync(next, chunk).WaitAsync(TimeSpan.FromSeconds(5));
                next += chunk.Count;
                done += chunk.Count;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            AgentLog.JournalFailed(logger, Name, s.Decisions.Count - done, e.Message);
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

        var keepFrom = IAgentJournalGrain.PageOf(Math.Max(1, s.JournalFlushed)) - Options.JournalPages + 1;
        while (s.JournalFirstPage < keepFrom)
        {
            try
            {
                await Journal(s.JournalFirstPage).ForgetAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                AgentLog.JournalFailed(logger, Name, 0, $"page {s.JournalFirstPage} not forgotten: {e.Message}");
                break;
            }

            s.JournalFirstPage++;
        }
    }

    public async Task<ToolResult> InvokeToolAsync(string tool)
    {
        if (!Tools.Contains(tool, StringComparer.Ordinal) || !ToolCatalog.TryGet(tool, out var run))
        {
            await RefuseAsync(tool);
            return new ToolResult(tool, false, new AgentToolRefusedException(Name, tool, Tools).Message);
        }

        return new ToolResult(tool, true, await run(GrainFactory));
    }

    /// <summary>Every outbound call of an agent goes through here: outside its registry it is refused and logged.</summary>
    protected async Task<T> UseToolAsync<T>(string tool, Func<Task<T>> call)
    {
        if (!Tools.Contains(tool, StringComparer.Ordinal))
        {
            await RefuseAsync(tool);
            throw new AgentToolRefusedException(Name, tool, Tools);
        }

        return await call();
    }

    protected async Task UseToolAsync(string tool, Func<Task> call) =>
        await UseToolAsync(
            tool,
            async () =>
            {
                await call();
                return true;
            }
        );

    /// <summary>
    /// Runs a step until it reports done, then never again: a completed step id is skipped, so a
    /// resumed cycle does not repeat a step's side effects. A step that is not done yet (waiting
    /// for a swarm, say) returns false and is tried again on the next tick. True when done.
    /// </summary>
    protected async Task<bool> RunStepAsync(string stepId, Func<Task<bool>> step)
    {
        if (record.State.CompletedSteps.Contains(stepId))
        {
            return true;
        }

        record.State.CurrentStep = stepId;
        if (!await step())
        {
            return false;
        }

        record.State.CompletedSteps.Add(stepId);
        record.State.CompletedOrder.Enqueue(stepId);
        while (record.State.CompletedOrder.Count > MaxCompletedSteps)
        {
            record.State.CompletedSteps.Remove(record.State.CompletedOrder.Dequeue());
        }

        record.State.CurrentStep = null;
        await record.WriteStateAsync();
        return true;
    }

    /// <summary>Specialists serve requests only while Running: a paused agent's work waits.</summary>
    protected void EnsureRunning()
    {
        if (record.State.State != AgentState.Running)
        {
            throw new AgentUnavailableException(Name, record.State.State);
        }
    }

    protected void Decide(
        int cycle,
        DecisionKind kind,
        string choice,
        IReadOnlyList<string> alternatives,
        IReadOnlyDictionary<string, string> inputs,
        IReadOnlyList<string> reasons
    )
    {
        record.State.Decisions.Add(new AgentDecision(Name, cycle, kind, choice, alternatives, inputs, reasons, UtcNow));

        if (logger.IsEnabled(LogLevel.Debug))
        {
            AgentLog.Decision(logger, Name, cycle, kind.Text, choice, string.Join("; ", reasons));
        }
    }

    protected Task SaveAsync() => record.WriteStateAsync();

    private async Task RefuseAsync(string tool)
    {
        Decide(
            0,
            DecisionKind.Refused,
            tool,
            Tools,
            new Dictionary<string, string> { ["tool"] = tool },
            [$"'{tool}' is not in {Name}'s tool registry"]
        );
        AgentLog.ToolRefused(logger, Name, tool);
        await record.WriteStateAsync();
    }
}

using Microsoft.Extensions.Logging;

namespace Orleans.Betting.Agents;

// Steps, tools and decisions: idempotent step ids, the tool registry every outbound call goes through, and the decisions (kept by DecisionJournal).
public abstract partial class AgentGrain<TMemory>
{
    private DecisionJournal<TMemory>? journal;

    /// <summary>The decisions' journal (made on first use: the agent's name is known once it is activated).</summary>
    private DecisionJournal<TMemory> Journal => journal ??= new(record, GrainFactory, Name, Options, logger);

    public Task<IReadOnlyList<AgentDecision>> GetDecisionsAsync(int limit = 200) => Journal.ReadLatestAsync(limit);

    public Task<IReadOnlyList<AuditEntry>> GetDecisionsSinceAsync(long afterSequence, int limit = 500) =>
        Journal.ReadSinceAsync(afterSequence, limit);

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
    /// What has happened by now on the market the agents trade: the replay clock once the orchestrator has configured it,
    /// the live market's own time on a live market; null on a replayed market whose clock is not configured yet (nothing
    /// is known to have happened). Read through the clock tool (<see cref="ToolNames.ClockRead"/>).
    /// </summary>
    protected async Task<DateTime?> MarketClockNowAsync(bool liveMarket)
    {
        var clock = await UseToolAsync(
            ToolNames.ClockRead,
            () => GrainFactory.GetGrain<Clock.IMarketClockGrain>(Clock.IMarketClockGrain.Key).GetAsync()
        );
        return liveMarket || clock.Mode == Clock.ClockStatus.ReplayMode ? clock.NowUtc : null;
    }

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

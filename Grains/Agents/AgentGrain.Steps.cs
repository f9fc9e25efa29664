using Microsoft.Extensions.Logging;

namespace Orleans.Betting.Agents;

// Steps, tools and decisions: idempotent step ids, the tool registry every outbound call goes through, and the decision log.
public abstract partial class AgentGrain<TMemory>
{
    public Task<IReadOnlyList<AgentDecision>> GetDecisionsAsync(int limit = 200) =>
        Task.FromResult<IReadOnlyList<AgentDecision>>(record.State.Decisions.TakeLast(Math.Max(1, limit)).ToList());

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
        string kind,
        string choice,
        IReadOnlyList<string> alternatives,
        IReadOnlyDictionary<string, string> inputs,
        IReadOnlyList<string> reasons
    )
    {
        record.State.Decisions.Add(new AgentDecision(Name, cycle, kind, choice, alternatives, inputs, reasons, UtcNow));
        if (record.State.Decisions.Count > MaxDecisions)
        {
            record.State.Decisions.RemoveRange(0, record.State.Decisions.Count - MaxDecisions);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            AgentLog.Decision(logger, Name, cycle, kind, choice, string.Join("; ", reasons));
        }
    }

    protected Task SaveAsync() => record.WriteStateAsync();

    private async Task RefuseAsync(string tool)
    {
        Decide(
            0,
            "refused",
            tool,
            Tools,
            new Dictionary<string, string> { ["tool"] = tool },
            [$"'{tool}' is not in {Name}'s tool registry"]
        );
        AgentLog.ToolRefused(logger, Name, tool);
        await record.WriteStateAsync();
    }
}

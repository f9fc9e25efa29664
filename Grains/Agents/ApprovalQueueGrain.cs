using Orleans.Runtime;

namespace Orleans.Betting.Agents;

/// <summary>Strategies held for a human decision, persisted; approving lets the orchestrator deploy them in its next cycle.</summary>
public sealed class ApprovalQueueGrain([PersistentState("approvals", StorageNames.Betting)] IPersistentState<ApprovalQueueState> state) : Grain, IApprovalQueueGrain
{
    public async Task EnqueueAsync(ApprovalItem item)
    {
        if (state.State.Items.Any(i => i.StrategyId == item.StrategyId))
        {
            return;
        }

        state.State.Items.Add(item with { State = ApprovalState.Pending });
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<ApprovalItem>> ListAsync() => Task.FromResult<IReadOnlyList<ApprovalItem>>(state.State.Items.ToList());

    public async Task<ApprovalItem> DecideAsync(string strategyId, bool approve, string by)
    {
        var index = state.State.Items.FindIndex(i => i.StrategyId == strategyId);
        if (index < 0)
        {
            throw new ArgumentException($"no strategy {strategyId} in the approvals queue");
        }

        var item = state.State.Items[index] with
        {
            State = approve ? ApprovalState.Approved : ApprovalState.Rejected,
            DecidedBy = by,
            DecidedUtc = DateTime.UtcNow,
        };
        state.State.Items[index] = item;
        await state.WriteStateAsync();
        return item;
    }
}

[GenerateSerializer]
public sealed class ApprovalQueueState
{
    [Id(0)] public List<ApprovalItem> Items { get; set; } = [];
}

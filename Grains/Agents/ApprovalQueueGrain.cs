using Orleans.Betting.Storage;

namespace Orleans.Betting.Agents;

/// <summary>
/// What waits for a human, persisted: approving a strategy lets the orchestrator deploy it in its next
/// cycle; deciding an escalated incident is handed to the health monitor at once.
/// </summary>
public sealed class ApprovalQueueGrain(
    [PersistentState("approvals", StorageNames.Betting)] IPersistentState<ApprovalQueueState> state,
    TimeProvider time
) : Grain, IApprovalQueueGrain
{
    public async Task EnqueueAsync(ApprovalItem item)
    {
        var index = state.State.Items.FindIndex(i => i.Subject == item.Subject);
        // A strategy is asked about once; an incident escalated again after a human let automation retry is asked about again.
        if (index >= 0 && (item.Kind == ApprovalKind.Strategy || state.State.Items[index].State == ApprovalState.Pending))
        {
            return;
        }

        if (index >= 0)
        {
            state.State.Items.RemoveAt(index);
        }

        state.State.Items.Add(item with { State = ApprovalState.Pending, DecidedBy = null, DecidedUtc = null });
        await state.WriteOrRestoreAsync(DeactivateOnIdle);
    }

    public Task<IReadOnlyList<ApprovalItem>> ListAsync() => Task.FromResult<IReadOnlyList<ApprovalItem>>(state.State.Items.ToList());

    public async Task<ApprovalItem> DecideAsync(string subject, bool approve, string by)
    {
        // The verified operator when the cluster asks for identities; a claimed name is marked as such.
        by = Security.CallerIdentity.RecordedName(by);
        var index = state.State.Items.FindIndex(i => i.Subject == subject);
        if (index < 0)
        {
            throw new ArgumentException(
                $"no {subject} in the approvals queue (strategy ids and incident-N are listed by `approvals list`)"
            );
        }

        if (state.State.Items[index] is { Kind: ApprovalKind.Incident } incident)
        {
            if (incident.State != ApprovalState.Pending)
            {
                throw new ArgumentException($"{subject} was already decided ({incident.State} by {incident.DecidedBy})");
            }

            await GrainFactory
                .GetGrain<Health.IHealthMonitorGrain>(Health.IHealthMonitorGrain.Key)
                .DecideEscalationAsync(ApprovalItem.IncidentId(subject), approve, by);
        }

        var item = state.State.Items[index] with
        {
            State = approve ? ApprovalState.Approved : ApprovalState.Rejected,
            DecidedBy = by,
            DecidedUtc = time.GetUtcNow().UtcDateTime,
        };
        state.State.Items[index] = item;
        await state.WriteOrRestoreAsync(DeactivateOnIdle);
        return item;
    }
}

[GenerateSerializer]
[Alias("betting.ApprovalQueueState")]
public sealed class ApprovalQueueState
{
    [Id(0)]
    public List<ApprovalItem> Items { get; set; } = [];
}

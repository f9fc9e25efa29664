namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>Test-only grains that exercise grain storage and reminders through the real providers.</summary>
public interface INotebookGrain : IGrainWithStringKey
{
    Task AppendAsync(string line);
    Task<IReadOnlyList<string>> ReadAsync();
    Task<string?> ETagAsync();
    Task ClearAsync();
}

public interface IReminderProbeGrain : IGrainWithGuidKey
{
    Task RegisterAsync(string name, TimeSpan period);
    Task<IReadOnlyList<string>> ReminderNamesAsync();
    Task<int> TicksAsync();
    Task UnregisterAllAsync();
}

[GenerateSerializer]
public sealed class NotebookState
{
    [Id(0)]
    public List<string> Lines { get; set; } = [];
}

public sealed class NotebookGrain([PersistentState("notebook", StorageNames.Betting)] IPersistentState<NotebookState> state)
    : Grain,
        INotebookGrain
{
    public async Task AppendAsync(string line)
    {
        state.State.Lines.Add(line);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ReadAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.Lines.ToArray());

    public Task<string?> ETagAsync() => Task.FromResult(state.Etag);

    public Task ClearAsync() => state.ClearStateAsync();
}

[GenerateSerializer]
public sealed class ReminderProbeState
{
    [Id(0)]
    public int Ticks { get; set; }
}

public sealed class ReminderProbeGrain([PersistentState("ticks", StorageNames.Betting)] IPersistentState<ReminderProbeState> state)
    : Grain,
        IReminderProbeGrain,
        IRemindable
{
    public async Task RegisterAsync(string name, TimeSpan period) =>
        await this.RegisterOrUpdateReminder(name, TimeSpan.FromSeconds(1), period);

    public async Task<IReadOnlyList<string>> ReminderNamesAsync() =>
        (await this.GetReminders()).Select(r => r.ReminderName).Order(StringComparer.Ordinal).ToArray();

    public Task<int> TicksAsync() => Task.FromResult(state.State.Ticks);

    public async Task UnregisterAllAsync()
    {
        foreach (var reminder in await this.GetReminders())
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}

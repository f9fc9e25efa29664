namespace Orleans.Betting.Cluster;

public sealed class ClusterJournalGrain([PersistentState("journal", StorageNames.Betting)] IPersistentState<ClusterJournalState> state)
    : Grain,
        IClusterJournalGrain
{
    /// <summary>How many starts are kept in full; the total is counted forever.</summary>
    public const int RecentCapacity = 50;

    public async Task RecordSiloStartAsync(SiloStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var s = state.State;
        s.TotalStarts++;
        s.FirstStartUtc ??= start.StartedUtc;
        s.Recent.Add(start);
        if (s.Recent.Count > RecentCapacity)
        {
            s.Recent.RemoveRange(0, s.Recent.Count - RecentCapacity);
        }

        await state.WriteStateAsync();
    }

    public Task<ClusterJournal> GetAsync()
    {
        var s = state.State;
        return Task.FromResult(new ClusterJournal(s.TotalStarts, s.FirstStartUtc, s.Recent.ToArray()));
    }
}

[GenerateSerializer]
[Alias("betting.ClusterJournalState")]
public sealed class ClusterJournalState
{
    [Id(0)]
    public int TotalStarts { get; set; }

    [Id(1)]
    public DateTime? FirstStartUtc { get; set; }

    [Id(2)]
    public List<SiloStart> Recent { get; set; } = [];
}

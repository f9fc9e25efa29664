namespace Orleans.Betting.Health;

/// <summary>The storage probe: one small persisted write, timed.</summary>
public sealed class StorageProbeGrain(
    [PersistentState("probe", StorageNames.Betting)] IPersistentState<StorageProbeState> state,
    TimeProvider time
) : Grain, IStorageProbeGrain
{
    public async Task<double> ProbeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        state.State.Writes++;
        state.State.LastUtc = time.GetUtcNow().UtcDateTime;
        await state.WriteStateAsync();
        return clock.Elapsed.TotalMilliseconds;
    }
}

[GenerateSerializer]
[Alias("betting.StorageProbeState")]
public sealed class StorageProbeState
{
    [Id(0)]
    public long Writes { get; set; }

    [Id(1)]
    public DateTime LastUtc { get; set; }
}

using Orleans.Betting.Storage;
using Orleans.Placement;

namespace Orleans.Betting.Market;

/// <summary>A part of a league-season (<see cref="ILeagueSeasonChunkGrain"/>), placed beside the season grain that reads it.</summary>
[PreferLocalPlacement]
public sealed class LeagueSeasonChunkGrain([PersistentState("seasonpart", StorageNames.Betting)] IPersistentState<MatchChunkState> state)
    : Grain,
        ILeagueSeasonChunkGrain
{
    public async Task WriteAsync(MatchChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        state.State.Matches = chunk.Matches;
        await state.WriteOrRestoreAsync(DeactivateOnIdle);
    }

    public Task<MatchChunk> ReadAsync() => Task.FromResult(new MatchChunk(state.State.Matches));

    public async Task ClearAsync()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}

[GenerateSerializer]
[Alias("betting.MatchChunkState")]
public sealed class MatchChunkState
{
    [Id(0)]
    public MatchRecord[] Matches { get; set; } = [];
}

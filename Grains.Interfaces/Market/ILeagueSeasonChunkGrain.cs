namespace Orleans.Betting.Market;

/// <summary>
/// One stored part of a league-season's matches (key "{league}/{season}#{part}.{version}"), so no
/// record outgrows a few hundred kilobytes and a new match rewrites only the part it lands in.
/// Written once under its key, read whole, cleared when the season no longer lists it; only the
/// season's grain uses it.
/// </summary>
public interface ILeagueSeasonChunkGrain : IGrainWithStringKey
{
    Task WriteAsync(MatchChunk chunk);

    Task<MatchChunk> ReadAsync();

    Task ClearAsync();
}

/// <summary>Consecutive matches of a season, in kick-off order.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.MatchChunk")]
public sealed record MatchChunk([property: Id(0)] MatchRecord[] Matches);

namespace Orleans.Betting.Market;

/// <summary>One league-season (e.g. E0/2019-2020): its matches in kick-off order.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.SeasonData")]
public sealed record SeasonData(
    [property: Id(0)] string League,
    [property: Id(1)] string Season,
    [property: Id(2)] MatchRecord[] Matches,
    [property: Id(3)] string Source
)
{
    public string Key => new LeagueSeasonKey(League, Season).ToString();
}

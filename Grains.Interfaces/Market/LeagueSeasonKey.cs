using System.Diagnostics.CodeAnalysis;

namespace Orleans.Betting.Market;

/// <summary>A league-season, the key of its <see cref="ILeagueSeasonGrain"/>: <c>E0/2019-2020</c>.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.LeagueSeasonKey")]
public readonly record struct LeagueSeasonKey([property: Id(0)] string League, [property: Id(1)] string Season)
{
    public override string ToString() => $"{League}/{Season}";

    public static LeagueSeasonKey Parse(string text) =>
        TryParse(text, out var key)
            ? key
            : throw new FormatException($"league-season '{text}': expected LEAGUE/SEASON (e.g. E0/2019-2020)");

    public static bool TryParse([NotNullWhen(true)] string? text, out LeagueSeasonKey key)
    {
        var slash = text?.IndexOf('/') ?? -1;
        if (text is null || slash <= 0 || slash == text.Length - 1 || text.IndexOf('/', slash + 1) >= 0)
        {
            key = default;
            return false;
        }

        key = new LeagueSeasonKey(text[..slash], text[(slash + 1)..]);
        return true;
    }
}

/// <summary>Finds league-season grains by their typed key.</summary>
public static class LeagueSeasonGrains
{
    public static ILeagueSeasonGrain LeagueSeason(this IGrainFactory grains, string league, string season) =>
        grains.GetGrain<ILeagueSeasonGrain>(new LeagueSeasonKey(league, season).ToString());

    public static ILeagueSeasonGrain LeagueSeason(this IGrainFactory grains, LeagueSeasonKey key) =>
        grains.GetGrain<ILeagueSeasonGrain>(key.ToString());
}

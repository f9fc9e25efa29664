using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Orleans.Betting.Market;

/// <summary>
/// A match's id, stable across imports and replays: <c>LEAGUE/SEASON/yyyy-MM-dd/HOME-AWAY</c>
/// (e.g. <c>E0/2019-2020/2019-08-09/Liverpool-Norwich</c>).
/// </summary>
public readonly record struct MatchId(string League, string Season, DateOnly Date, string Fixture)
{
    public LeagueSeasonKey LeagueSeason => new(League, Season);

    public static string Format(string league, string season, DateTime kickoff, string home, string away) =>
        new MatchId(league, season, DateOnly.FromDateTime(kickoff), $"{home}-{away}").ToString();

    public override string ToString() => $"{League}/{Season}/{Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{Fixture}";

    public static MatchId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"match id '{text}': expected LEAGUE/SEASON/yyyy-MM-dd/HOME-AWAY");

    public static bool TryParse([NotNullWhen(true)] string? text, out MatchId id)
    {
        // The fixture is last and may itself hold a slash (a team named "A/B"): split the first three parts only.
        var parts = text?.Split('/', 4);
        if (
            parts is [var league, var season, var date, var fixture]
            && league.Length > 0
            && season.Length > 0
            && fixture.Length > 0
            && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        )
        {
            id = new MatchId(league, season, day, fixture);
            return true;
        }

        id = default;
        return false;
    }
}

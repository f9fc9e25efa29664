namespace Orleans.Betting.Market.Identity;

/// <summary>The Odds API's sport keys and the football-data league codes they are (one to one).</summary>
public static class SportLeagues
{
    private static readonly Dictionary<string, string> LeagueBySport = new(StringComparer.Ordinal)
    {
        ["soccer_epl"] = "E0",
        ["soccer_efl_champ"] = "E1",
        ["soccer_england_league1"] = "E2",
        ["soccer_england_league2"] = "E3",
        ["soccer_spl"] = "SC0",
        ["soccer_germany_bundesliga"] = "D1",
        ["soccer_germany_bundesliga2"] = "D2",
        ["soccer_spain_la_liga"] = "SP1",
        ["soccer_spain_segunda_division"] = "SP2",
        ["soccer_italy_serie_a"] = "I1",
        ["soccer_italy_serie_b"] = "I2",
        ["soccer_france_ligue_one"] = "F1",
        ["soccer_france_ligue_two"] = "F2",
        ["soccer_netherlands_eredivisie"] = "N1",
        ["soccer_belgium_first_div"] = "B1",
        ["soccer_portugal_primeira_liga"] = "P1",
        ["soccer_turkey_super_league"] = "T1",
        ["soccer_greece_super_league"] = "G1",
    };

    private static readonly Dictionary<string, string> SportByLeague = LeagueBySport.ToDictionary(
        p => p.Value,
        p => p.Key,
        StringComparer.OrdinalIgnoreCase
    );

    public static IReadOnlyCollection<string> Sports => LeagueBySport.Keys;

    /// <summary>The synthetic market's leagues (S1, S2…) as the simulator serves them live.</summary>
    public const string SyntheticPrefix = "soccer_synthetic_s";

    /// <summary>The league code of a sport key; false for a sport we have no history for (reported, never guessed).</summary>
    public static bool TryLeague(string sportKey, out string league)
    {
        var key = sportKey.Trim().ToLowerInvariant();
        if (
            key.StartsWith(SyntheticPrefix, StringComparison.Ordinal)
            && int.TryParse(
                key.AsSpan(SyntheticPrefix.Length),
                System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture,
                out var n
            )
            && n >= 1
        )
        {
            league = $"S{n}";
            return true;
        }

        return LeagueBySport.TryGetValue(key, out league!);
    }

    public static bool TrySport(string league, out string sportKey)
    {
        var code = league.Trim();
        if (
            code.Length > 1
            && code[0] is 'S' or 's'
            && int.TryParse(
                code.AsSpan(1),
                System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture,
                out var n
            )
            && n >= 1
            && !SportByLeague.ContainsKey(code)
        )
        {
            sportKey = SyntheticPrefix + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }

        return SportByLeague.TryGetValue(code, out sportKey!);
    }
}

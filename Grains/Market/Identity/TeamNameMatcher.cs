using System.Globalization;
using System.Reflection;
using System.Text;
using FuzzySharp;

namespace Orleans.Betting.Market.Identity;

/// <summary>
/// Maps a provider's team names (The Odds API: "Manchester United", "Brighton and Hove Albion") to
/// the names in one league's history (football-data: "Man United", "Brighton"), so live fixtures
/// meet the ratings learned from imported seasons. In order: the alias table (shipped in
/// <c>team-aliases.csv</c>, plus any given), normalised equality (accents, case, punctuation, club
/// prefixes such as FC/AFC/VfB, numbers such as 04/1899, and the abbreviations Man, Utd, Nott'm,
/// St, Ein), then a fuzzy token-set match that must clear <see cref="MinimumScore"/> and lead the
/// runner-up by <see cref="MinimumLead"/>. Anything else is <see cref="TeamMatchKind.Unmapped"/>
/// with its closest candidates: reported, never guessed.
/// </summary>
public sealed class TeamNameMatcher
{
    public const int MinimumScore = 86;
    public const int MinimumLead = 6;

    private static readonly HashSet<string> ClubWords = new(StringComparer.Ordinal)
    {
        "fc",
        "afc",
        "cf",
        "sc",
        "ssc",
        "ac",
        "as",
        "cd",
        "ud",
        "sd",
        "rc",
        "rcd",
        "vfb",
        "vfl",
        "tsg",
        "fsv",
        "sv",
        "spvgg",
        "bc",
        "us",
        "calcio",
        "club",
        "de",
        "the",
        "and",
    };

    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["man"] = "manchester",
        ["utd"] = "united",
        ["nottm"] = "nottingham",
        ["st"] = "saint",
        ["ein"] = "eintracht",
    };

    // Accented Latin letters folded by hand: the host runs with invariant globalization, where
    // string.Normalize does not decompose them.
    private static readonly Dictionary<char, string> Folded = new()
    {
        ['à'] = "a",
        ['á'] = "a",
        ['â'] = "a",
        ['ã'] = "a",
        ['ä'] = "a",
        ['å'] = "a",
        ['æ'] = "ae",
        ['ç'] = "c",
        ['č'] = "c",
        ['ć'] = "c",
        ['è'] = "e",
        ['é'] = "e",
        ['ê'] = "e",
        ['ë'] = "e",
        ['ì'] = "i",
        ['í'] = "i",
        ['î'] = "i",
        ['ï'] = "i",
        ['ı'] = "i",
        ['ñ'] = "n",
        ['ń'] = "n",
        ['ò'] = "o",
        ['ó'] = "o",
        ['ô'] = "o",
        ['õ'] = "o",
        ['ö'] = "o",
        ['ø'] = "o",
        ['œ'] = "oe",
        ['ù'] = "u",
        ['ú'] = "u",
        ['û'] = "u",
        ['ü'] = "u",
        ['ý'] = "y",
        ['ÿ'] = "y",
        ['ß'] = "ss",
        ['ł'] = "l",
        ['š'] = "s",
        ['ś'] = "s",
        ['ş'] = "s",
        ['ž'] = "z",
        ['ź'] = "z",
        ['ż'] = "z",
        ['ğ'] = "g",
    };

    private static readonly Lazy<IReadOnlyList<(string League, string Provider, string History)>> Shipped = new(LoadShipped);

    private readonly Dictionary<string, string> byNormalised;
    private readonly Dictionary<string, string> aliases;
    private readonly string[] history;

    /// <param name="league">The league code (aliases are per league).</param>
    /// <param name="historyNames">Every team name in the league's imported history.</param>
    /// <param name="extraAliases">Operator aliases (provider name → history name), consulted before the shipped ones.</param>
    private readonly Dictionary<string, TeamMapping> known = new(StringComparer.Ordinal);

    public TeamNameMatcher(string league, IEnumerable<string> historyNames, IReadOnlyDictionary<string, string>? extraAliases = null)
    {
        history = historyNames.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        byNormalised = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in history)
        {
            byNormalised.TryAdd(Normalise(name), name);
        }

        aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (provider, target) in extraAliases ?? new Dictionary<string, string>())
        {
            aliases.TryAdd(Normalise(provider), target);
        }

        foreach (var (aliasLeague, provider, target) in Shipped.Value)
        {
            if (string.Equals(aliasLeague, league, StringComparison.OrdinalIgnoreCase))
            {
                aliases.TryAdd(Normalise(provider), target);
            }
        }
    }

    /// <summary>Maps a provider name (remembered: a feed repeats the same names on every poll).</summary>
    public TeamMapping Map(string providerName)
    {
        lock (known)
        {
            if (known.TryGetValue(providerName, out var seen))
            {
                return seen;
            }
        }

        var mapping = MapOnce(providerName);
        lock (known)
        {
            known[providerName] = mapping;
        }

        return mapping;
    }

    private TeamMapping MapOnce(string providerName)
    {
        var key = Normalise(providerName);
        if (aliases.TryGetValue(key, out var aliased) && byNormalised.TryGetValue(Normalise(aliased), out var aliasTarget))
        {
            return new TeamMapping(providerName, aliasTarget, TeamMatchKind.Alias, 100, [aliasTarget]);
        }

        if (byNormalised.TryGetValue(key, out var same))
        {
            return new TeamMapping(providerName, same, TeamMatchKind.Normalised, 100, [same]);
        }

        var ranked = byNormalised
            .Select(p => (Name: p.Value, Score: Fuzz.TokenSetRatio(key, p.Key), Tie: Fuzz.Ratio(key, p.Key)))
            .OrderByDescending(x => x.Score)
            .ThenByDescending(x => x.Tie)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(3)
            .ToArray();
        var candidates = ranked.Select(x => x.Name).ToArray();
        if (
            ranked.Length > 0
            && ranked[0].Score >= MinimumScore
            && (ranked.Length == 1 || ranked[0].Score - ranked[1].Score >= MinimumLead)
        )
        {
            return new TeamMapping(providerName, ranked[0].Name, TeamMatchKind.Fuzzy, ranked[0].Score, candidates);
        }

        return new TeamMapping(providerName, null, TeamMatchKind.Unmapped, ranked.Length > 0 ? ranked[0].Score : 0, candidates);
    }

    /// <summary>Lower case without accents or punctuation, club prefixes and numbers dropped, abbreviations spelled out.</summary>
    public static string Normalise(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '.')
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (Folded.TryGetValue(lower, out var plain))
            {
                text.Append(plain);
            }
            else
            {
                text.Append(char.IsLetterOrDigit(lower) ? lower : ' ');
            }
        }

        var words = text.ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !ClubWords.Contains(w) && !w.All(char.IsDigit))
            .Select(w => Abbreviations.GetValueOrDefault(w, w));
        return string.Join(' ', words);
    }

    private static IReadOnlyList<(string League, string Provider, string History)> LoadShipped()
    {
        using var stream =
            Assembly.GetExecutingAssembly().GetManifestResourceStream("Orleans.Betting.Market.Identity.team-aliases.csv")
            ?? throw new InvalidOperationException("the shipped team alias table (team-aliases.csv) is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var rows = new List<(string, string, string)>();
        reader.ReadLine(); // header
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var parts = line.Split(',');
            if (parts.Length != 3 || parts.Any(string.IsNullOrWhiteSpace))
            {
                throw new InvalidOperationException($"team-aliases.csv line {number}: '{line}' is not league,provider name,history name");
            }

            rows.Add((parts[0].Trim(), parts[1].Trim(), parts[2].Trim()));
        }

        return rows;
    }
}

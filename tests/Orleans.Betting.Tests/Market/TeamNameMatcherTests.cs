using Orleans.Betting.Market.Identity;

namespace Orleans.Betting.Tests.Market;

/// <summary>The Odds API's team names meet the names in the shared football-data history.</summary>
public sealed class TeamNameMatcherTests
{
    private static IReadOnlyList<string> History(string league) => FootballDataHistory.TeamNames(league);

    // Provider spellings as The Odds API writes them (accents included), and the history's names.
    public static TheoryData<string, string, string> ProviderNames =>
        new()
        {
            { "E0", "Manchester United", "Man United" },
            { "E0", "Manchester City", "Man City" },
            { "E0", "Nottingham Forest", "Nott'm Forest" },
            { "E0", "Brighton and Hove Albion", "Brighton" },
            { "E0", "Wolverhampton Wanderers", "Wolves" },
            { "E0", "Tottenham Hotspur", "Tottenham" },
            { "E0", "West Ham United", "West Ham" },
            { "E0", "West Bromwich Albion", "West Brom" },
            { "E0", "Newcastle United", "Newcastle" },
            { "E0", "Leicester City", "Leicester" },
            { "E0", "AFC Bournemouth", "Bournemouth" },
            { "E0", "Sheffield United", "Sheffield United" },
            { "E0", "Queens Park Rangers", "QPR" },
            { "E0", "Luton Town", "Luton" },
            { "D1", "Borussia Dortmund", "Dortmund" },
            { "D1", "Eintracht Frankfurt", "Ein Frankfurt" },
            { "D1", "1. FC Köln", "FC Koln" },
            { "D1", "Borussia Monchengladbach", "M'gladbach" },
            { "D1", "Bayer Leverkusen", "Leverkusen" },
            { "D1", "FC St. Pauli", "St Pauli" },
            { "D1", "FSV Mainz 05", "Mainz" },
            { "D1", "TSG Hoffenheim", "Hoffenheim" },
            { "D1", "Fortuna Düsseldorf", "Fortuna Dusseldorf" },
            { "D1", "Union Berlin", "Union Berlin" },
            { "D1", "Hertha Berlin", "Hertha" },
            { "SP1", "Athletic Bilbao", "Ath Bilbao" },
            { "SP1", "Atlético Madrid", "Ath Madrid" },
            { "SP1", "Real Madrid", "Real Madrid" },
            { "SP1", "Real Betis", "Betis" },
            { "SP1", "Real Sociedad", "Sociedad" },
            { "SP1", "Celta Vigo", "Celta" },
            { "SP1", "Rayo Vallecano", "Vallecano" },
            { "SP1", "Alavés", "Alaves" },
            { "SP1", "Cádiz CF", "Cadiz" },
            { "I1", "Inter Milan", "Inter" },
            { "I1", "AC Milan", "Milan" },
            { "I1", "AS Roma", "Roma" },
            { "I1", "Hellas Verona", "Verona" },
            { "I1", "Atalanta BC", "Atalanta" },
            { "F1", "Paris Saint Germain", "Paris SG" },
            { "F1", "AS Monaco", "Monaco" },
            { "F1", "Saint Etienne", "St Etienne" },
            { "F1", "Olympique Lyonnais", "Lyon" },
            { "F1", "Clermont Foot", "Clermont" },
            { "F1", "Nîmes", "Nimes" },
        };

    [Theory]
    [MemberData(nameof(ProviderNames))]
    public void AProviderNameMeetsItsHistory(string league, string provider, string history)
    {
        var mapping = new TeamNameMatcher(league, History(league)).Map(provider);
        Assert.True(mapping.Mapped, $"{provider}: unmapped, closest {string.Join(", ", mapping.Candidates)}");
        Assert.Equal(history, mapping.HistoryName);
    }

    [Fact]
    public void AnUnknownTeamIsReportedWithItsClosestCandidatesNeverGuessed()
    {
        var matcher = new TeamNameMatcher("E0", History("E0"));
        var unknown = matcher.Map("Real Unknown Rovers");
        Assert.Equal(TeamMatchKind.Unmapped, unknown.Kind);
        Assert.Null(unknown.HistoryName);
        Assert.Equal(3, unknown.Candidates.Count);

        // Two history names inside one provider name, and no alias to say which: ambiguous, so unmapped.
        var ambiguous = new TeamNameMatcher("XX", ["Inter", "Milan"]).Map("Inter Milan");
        Assert.Equal(TeamMatchKind.Unmapped, ambiguous.Kind);
        Assert.Equal(["Inter", "Milan"], ambiguous.Candidates.Order(StringComparer.Ordinal));
        // An operator's alias settles it.
        var settled = new TeamNameMatcher("XX", ["Inter", "Milan"], new Dictionary<string, string> { ["Inter Milan"] = "Inter" });
        Assert.Equal((TeamMatchKind.Alias, "Inter"), (settled.Map("Inter Milan").Kind, settled.Map("Inter Milan").HistoryName));
    }

    [Fact]
    public void NormalisationDropsAccentsPrefixesNumbersAndSpellsOutAbbreviations()
    {
        Assert.Equal("koln", TeamNameMatcher.Normalise("1. FC Köln"));
        Assert.Equal("manchester united", TeamNameMatcher.Normalise("Man Utd"));
        Assert.Equal("nottingham forest", TeamNameMatcher.Normalise("Nott'm Forest"));
        Assert.Equal("saint etienne", TeamNameMatcher.Normalise("AS Saint-Étienne"));
        Assert.Equal("schalke", TeamNameMatcher.Normalise("FC Schalke 04"));
    }

    [Theory]
    [InlineData("soccer_epl", "E0")]
    [InlineData("soccer_germany_bundesliga", "D1")]
    [InlineData("soccer_spain_la_liga", "SP1")]
    [InlineData("soccer_italy_serie_a", "I1")]
    [InlineData("soccer_france_ligue_one", "F1")]
    public void SportKeysMapToLeagueCodesBothWays(string sport, string league)
    {
        Assert.True(SportLeagues.TryLeague(sport, out var found));
        Assert.Equal(league, found);
        Assert.True(SportLeagues.TrySport(league, out var back));
        Assert.Equal(sport, back);
    }

    [Fact]
    public void AnUnknownSportKeyHasNoLeague() => Assert.False(SportLeagues.TryLeague("basketball_nba", out _));
}

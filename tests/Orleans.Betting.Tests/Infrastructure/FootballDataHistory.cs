using Orleans.Betting.Market;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>The shared football-data history as the tests need it: every team name a league's files use.</summary>
public static class FootballDataHistory
{
    public static IReadOnlyList<string> TeamNames(string league)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.SharedData, "data", "football-data", league), "*.csv"))
        {
            using var stream = File.OpenRead(file);
            foreach (var match in FootballDataCsvReader.Read(stream, Path.GetFileName(file)).Matches)
            {
                names.Add(match.HomeTeam);
                names.Add(match.AwayTeam);
            }
        }

        return names.ToArray();
    }
}

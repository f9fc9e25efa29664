using System.Globalization;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>
/// The agents replaying a market fast, as the agent tests run them: ticks every 0.2 s, two-week windows at two weeks
/// a second of the virtual clock, four learning seasons, the search let run whatever real time is left, at most three
/// strategies deployed. A test adds or overrides what it is about.
/// </summary>
public static class ReplaySettings
{
    public static Dictionary<string, string?> Synthetic(int seed, string plant, string seasons, int maxCandidates = 60)
    {
        var settings = Agents(maxCandidates);
        settings["Betting:Market:Source"] = "synthetic";
        settings["Betting:Market:Seed"] = seed.ToString(CultureInfo.InvariantCulture);
        settings["Betting:Market:Plant"] = plant;
        settings["Betting:Market:Seasons"] = seasons;
        return settings;
    }

    /// <summary>A market of league-seasons the test puts in the store itself (imported files, or seasons it upserts).</summary>
    public static Dictionary<string, string?> Imported(string leagues, string seasons, int maxCandidates)
    {
        var settings = Agents(maxCandidates);
        settings["Betting:Market:Source"] = "import";
        settings["Betting:Market:Leagues"] = leagues;
        settings["Betting:Market:Seasons"] = seasons;
        return settings;
    }

    private static Dictionary<string, string?> Agents(int maxCandidates) =>
        new()
        {
            ["Betting:Agents:LearningSeasons"] = "4",
            ["Betting:Agents:TickSeconds"] = "0.2",
            ["Betting:Agents:WindowDays"] = "14",
            ["Betting:Agents:SearchShare"] = "1000", // the fast test clock leaves no real time: let the search run anyway
            ["Betting:Agents:MaxCandidates"] = maxCandidates.ToString(CultureInfo.InvariantCulture),
            ["Betting:Agents:MaxDeployed"] = "3",
            ["Betting:Clock:Speed"] = (86400.0 * 14 * 2).ToString(CultureInfo.InvariantCulture), // two weeks per second
        };
}

using Orleans.Betting.Agents;
using Orleans.Betting.Market;
using Orleans.Betting.Silo.Storage;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Agents;

/// <summary>DataEngineering on its own timer: the football-data seasons in progress refreshed through the API pool.</summary>
public sealed class DataRefreshTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheSeasonInProgressIsRefreshedFromFootballDataOnTheMarketClock()
    {
        await using var server = await FootballDataServer.StartAsync();
        using var dir = new TempDirectory("agents-refresh");
        var seasons = Enumerable.Range(2014, 6).Select(y => $"{y}-{y + 1}").ToArray(); // 2014-2015 … 2019-2020
        await using var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "refresh.db")),
            "agents-refresh",
            1,
            new Dictionary<string, string?>(ReplaySettings.Imported("I1", $"{seasons[0]}..{seasons[^1]}", maxCandidates: 8))
            {
                ["Betting:Agents:MinCandidates"] = "4",
                ["Betting:Agents:Data:RefreshHours"] = (24 * 60).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Betting:FootballData:BaseUrl"] = server.BaseUrl,
            }
        );
        var importer = cluster.Grains.GetGrain<IMarketImportGrain>(0);
        foreach (var season in seasons)
        {
            var path = Path.Combine(RepoPaths.SharedData, "data", "football-data", "I1", season + ".csv");
            await importer.ImportCsvAsync(Path.GetFileName(path), await File.ReadAllBytesAsync(path));
        }

        foreach (var (name, _) in AgentNames.All)
        {
            await cluster.Grains.Agent(name).StartAsync("test");
        }

        var data = cluster.Grains.Agent(AgentNames.DataEngineering);
        async Task<List<AgentDecision>> Refreshes() => [.. (await data.GetDecisionsAsync()).Where(d => d.Kind == DecisionKind.DataRefresh)];
        await Eventually.WaitAsync(async () => (await Refreshes()).Count >= 2, TimeSpan.FromMinutes(2));

        var refreshes = await Refreshes();
        foreach (var r in refreshes)
        {
            output.WriteLine($"{r.Choice} at {r.Inputs["marketTime"]}: {r.Reasons[0]}");
        }

        // Only seasons in progress on the market clock (the trading seasons, 2018-19 first), each through the pool's client.
        var first = refreshes[0];
        Assert.Equal("I1 2018-2019", first.Choice);
        Assert.Equal("380 of 380 rows imported, 0 rejected", first.Reasons[0]);
        Assert.All(refreshes, r => Assert.True(r.Choice is "I1 2018-2019" or "I1 2019-2020", r.Choice));
        Assert.True(server.Requests >= 2);
        // A refresh at most every 60 market days.
        var times = refreshes
            .Select(r => DateTime.Parse(r.Inputs["marketTime"], System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime())
            .Distinct()
            .Order()
            .ToList();
        Assert.All(times.Zip(times.Skip(1)), p => Assert.True(p.Second - p.First >= TimeSpan.FromDays(60), $"{p.First:u} → {p.Second:u}"));
    }
}

using System.Text.Json;

namespace Orleans.Betting.Tests.Hosting;

/// <summary>The operator's commands end to end: client process → embedded silo process → grains → SQLite.</summary>
[Trait(Tier.Name, Tier.System)]
public sealed class ClientCommandsProcessTests : IAsyncLifetime
{
    private readonly TempDirectory data = new("client-commands");
    private SiloProcess? silo;

    public async Task InitializeAsync()
    {
        silo = SiloProcess.Start(data.Path);
        await silo.WaitReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }

        data.Dispose();
    }

    private async Task<JsonElement> JsonAsync(params string[] args)
    {
        var result = await ClientProcess.RunAsync([.. args, "--json", "--gateway", silo!.Gateway], TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)} → {result.ExitCode}: {result.StandardError}");
        return JsonDocument.Parse(result.StandardOutput).RootElement;
    }

    [Fact]
    public async Task OddsDevigPrintsMethodProbabilitiesMarginAndParameter()
    {
        var json = await JsonAsync("odds", "devig", "--method", "shin", "2.10", "3.40", "3.90");
        Assert.Equal("shin", json.GetProperty("method").GetString());
        var p = json.GetProperty("probabilities").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.Equal(3, p.Length);
        Assert.Equal(1.0, p.Sum(), 12);
        Assert.Equal(1 / 2.1 + 1 / 3.4 + 1 / 3.9 - 1, json.GetProperty("margin").GetDouble(), 12);
        Assert.InRange(json.GetProperty("z").GetDouble(), 0.001, 0.05);

        var bad = await ClientProcess.RunAsync(["odds", "devig", "0.9", "2.0", "--gateway", silo!.Gateway]);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("0.9 is not a decimal price", bad.StandardError);
    }

    [Fact]
    public async Task ImportReportsRejectionsThenBacktestGivesTheFigures()
    {
        var badFile = Path.Combine(data.Path, "2019-2020.csv");
        await File.WriteAllTextAsync(
            badFile,
            "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,PSCH,PSCD,PSCA\nZ1,10/08/2019,A,B,1,0,2.0,3.5,3.9\nZ1,99/08/2019,C,D,0,0,2.0,3.5,3.9\n"
        );
        var shared = Path.Combine(RepoPaths.SharedData, "data", "football-data", "E0", "2019-2020.csv");

        var import = await JsonAsync("data", "import", shared, badFile);
        Assert.Equal(382, import.GetProperty("rowsRead").GetInt32());
        Assert.Equal(381, import.GetProperty("imported").GetInt32());
        Assert.Equal(1, import.GetProperty("rejected").GetInt32());
        var rejection = Assert.Single(import.GetProperty("rejections").EnumerateArray(), r => r.GetProperty("rowRejected").GetBoolean());
        Assert.Equal(
            ("2019-2020.csv", 3, "Date"),
            (
                rejection.GetProperty("file").GetString(),
                rejection.GetProperty("line").GetInt32(),
                rejection.GetProperty("field").GetString()
            )
        );

        var backtest = await JsonAsync(
            "backtest",
            "--strategy",
            "baseline:outcome=home,price=pinnacle-closing",
            "--league",
            "E0",
            "--seasons",
            "2019-2020"
        );
        foreach (
            var field in new[] { "bets", "wins", "staked", "profit", "roi", "hitRate", "averagePrice", "maxDrawdownAmount", "meanClv" }
        )
        {
            Assert.True(backtest.TryGetProperty(field, out _), $"backtest JSON lacks {field}");
        }

        Assert.Equal(380, backtest.GetProperty("bets").GetInt32());
        Assert.Equal(backtest.GetProperty("profit").GetDouble() / 380, backtest.GetProperty("roi").GetDouble(), 12);

        var list = await JsonAsync("data", "list");
        Assert.Contains(list.GetProperty("seasons").EnumerateArray(), s => s.GetProperty("league").GetString() == "Z1");
    }

    [Fact]
    public async Task DataGenerateTakesASizedPlantAndNamesABadOne()
    {
        string[] Generate(string plant) => ["data", "generate", "--seed", "4", "--seasons", "2018-2019", "--plant", plant];
        var generated = await JsonAsync([.. Generate("value-book:edge=0.06,share=0.3"), "--teams", "10"]);
        Assert.Equal("value-book:edge=0.06,share=0.3", generated.GetProperty("plant").GetString());
        // The planted book is there to be found: betting it wherever it beats Pinnacle's fair close by 3 % pays here.
        var backtest = await JsonAsync(
            "backtest",
            "--strategy",
            "sharp-value:book=valuebook,edge=0.03,method=multiplicative,phase=closing",
            "--league",
            "S1",
            "--seasons",
            "2018-2019"
        );
        Assert.True(backtest.GetProperty("bets").GetInt32() > 5);
        Assert.True(backtest.GetProperty("roi").GetDouble() > 0);

        var bad = await ClientProcess.RunAsync([.. Generate("value-book:edge=2"), "--gateway", silo!.Gateway]);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("edge 2 must be in [0, 1]", bad.StandardError);
    }

    [Fact]
    public async Task GeneratedMarketsAreBacktestable()
    {
        var generated = await JsonAsync(
            "data",
            "generate",
            "--seed",
            "3",
            "--leagues",
            "1",
            "--seasons",
            "2019-2020",
            "--plant",
            "stale-book",
            "--teams",
            "10"
        );
        Assert.Equal(90, generated.GetProperty("matches").GetInt32());
        var again = await JsonAsync(
            "data",
            "generate",
            "--seed",
            "3",
            "--leagues",
            "1",
            "--seasons",
            "2019-2020",
            "--plant",
            "stale-book",
            "--teams",
            "10"
        );
        Assert.Equal(90, again.GetProperty("seasons")[0].GetProperty("unchanged").GetInt32()); // same seed, same market

        var backtest = await JsonAsync(
            "backtest",
            "--strategy",
            "baseline:outcome=favourite,price=market-max-opening",
            "--league",
            "S1",
            "--seasons",
            "2019-2020",
            "--staking",
            "kelly:0.25"
        );
        Assert.Equal("kelly:0.25", backtest.GetProperty("staking").GetString());
        Assert.Equal(90, backtest.GetProperty("matches").GetInt32());
    }
}

using Orleans.Betting.Agents;
using Orleans.Betting.Configuration;
using Orleans.Betting.Market;

namespace Orleans.Betting.Tests.Market;

/// <summary>The market's source is an enum inside; configuration keeps the names, and a wrong one is refused naming the key.</summary>
public sealed class MarketOptionsTests
{
    private static IReadOnlyList<string> ProblemsOf(MarketOptions options)
    {
        var problems = new OptionsProblems(MarketOptions.Section);
        options.Validate(problems);
        return problems.List;
    }

    [Fact]
    public void SourcesAreReadByNameAndAWrongOneIsRefusedNamingTheKeyAndTheChoices()
    {
        Assert.Equal(MarketSource.Live, new MarketOptions { Source = " LIVE " }.SourceKind);
        Assert.Empty(
            ProblemsOf(
                new MarketOptions
                {
                    Source = "live",
                    History = "Import",
                    Leagues = "E0",
                }
            )
        );

        var wrong = Assert.Single(ProblemsOf(new MarketOptions { Source = "livee" }));
        Assert.StartsWith("Betting:Market:Source 'livee':", wrong);
        Assert.Contains("'synthetic' or 'import'", wrong);

        var history = Assert.Single(
            ProblemsOf(
                new MarketOptions
                {
                    Source = "live",
                    History = "csv",
                    Leagues = "E0",
                }
            )
        );
        Assert.StartsWith("Betting:Market:History 'csv':", history);
    }

    [Fact]
    public void SettingsCarryTheSourceAsTheNameStoredBefore()
    {
        var imported = new MarketOptions
        {
            Source = "live",
            History = "import",
            Leagues = "E0, D1",
        }.ToSettings();
        Assert.Equal((MarketSource.Import, "import"), (imported.Source, imported.SourceName));
        Assert.Equal(["E0", "D1"], imported.Leagues);

        var synthetic = new MarketOptions { Source = "synthetic", Leagues = "2" }.ToSettings();
        Assert.Equal((MarketSource.Synthetic, "synthetic", 2), (synthetic.Source, synthetic.SourceName, synthetic.SyntheticLeagues));

        var stored = synthetic with { SourceName = "csv" };
        Assert.Contains("unknown source 'csv'", Assert.Throws<InvalidDataException>(() => stored.Source).Message);
    }
}

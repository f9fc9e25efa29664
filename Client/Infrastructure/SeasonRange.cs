namespace Orleans.Betting.Client.Infrastructure;

/// <summary>Seasons on the command line: "2019-2020", "2015-2016..2023-2024" or a comma list of either.</summary>
public static class SeasonRange
{
    public static IReadOnlyList<string> Parse(string text, string option = "--seasons") =>
        Orleans.Betting.Market.SeasonName.TryExpand(text, out var seasons, out var problem)
            ? seasons
            : throw new UsageException($"{option}: {problem}");
}

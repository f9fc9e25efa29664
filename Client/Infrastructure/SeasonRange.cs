namespace Orleans.Betting.Client.Infrastructure;

/// <summary>Seasons on the command line: "2019-2020", "2015-2016..2023-2024" or a comma list of either.</summary>
public static class SeasonRange
{
    public static IReadOnlyList<string> Parse(string text, string option = "--seasons")
    {
        var seasons = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split("..");
            var first = Start(ends[0], option);
            var last = ends.Length == 2 ? Start(ends[1], option) : ends.Length == 1 ? first : throw new UsageException($"{option}: '{part}' is not a season or a range a..b");
            if (last < first)
            {
                throw new UsageException($"{option}: '{part}' runs backwards");
            }

            for (var year = first; year <= last; year++)
            {
                seasons.Add($"{year}-{year + 1}");
            }
        }

        return seasons.Count > 0 ? seasons.Distinct().ToArray() : throw new UsageException($"{option}: no season given");
    }

    private static int Start(string season, string option)
    {
        return Orleans.Betting.Market.SeasonName.TryParseStart(season, out var a)
            ? a
            : throw new UsageException($"{option}: '{season}' is not a season like 2019-2020");
    }
}

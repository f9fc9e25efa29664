using Refit;

namespace Orleans.Betting.Api;

/// <summary>football-data.co.uk's season files: /mmz4281/{yyYY}/{league}.csv, e.g. /mmz4281/1920/E0.csv.</summary>
public interface IFootballDataApi
{
    [Get("/mmz4281/{seasonCode}/{league}.csv")]
    Task<HttpResponseMessage> GetSeasonCsvAsync(string seasonCode, string league, CancellationToken cancellationToken = default);
}

public static class FootballDataSeason
{
    /// <summary>"2019-2020" → "1920".</summary>
    public static string Code(string season)
    {
        var parts = season.Split('-');
        return parts.Length == 2 && parts[0].Length == 4 && parts[1].Length == 4
               && int.TryParse(parts[0], out var a) && int.TryParse(parts[1], out var b) && b == a + 1
            ? $"{a % 100:00}{b % 100:00}"
            : throw new ArgumentException($"season '{season}': expected yyyy-yyyy with consecutive years, e.g. 2019-2020");
    }
}

namespace Orleans.Betting.ExternalApis;

public static class FootballDataSeason
{
    /// <summary>"2019-2020" → "1920".</summary>
    public static string Code(string season)
    {
        return Market.SeasonName.TryParseStart(season, out var a)
            ? $"{a % 100:00}{(a + 1) % 100:00}"
            : throw new ArgumentException($"season '{season}': expected yyyy-yyyy with consecutive years, e.g. 2019-2020");
    }
}

namespace Orleans.Betting.Market;

/// <summary>Season names such as "2019-2020": two four-digit, consecutive years.</summary>
public static class SeasonName
{
    public static bool TryParseStart(string season, out int startYear)
    {
        var parts = season.Trim().Split('-');
        startYear = 0;
        if (parts.Length == 2 && parts[0].Length == 4 && parts[1].Length == 4
            && int.TryParse(parts[0], out var a) && int.TryParse(parts[1], out var b) && b == a + 1)
        {
            startYear = a;
            return true;
        }

        return false;
    }
}

namespace Orleans.Betting.Market;

/// <summary>Season names such as "2019-2020": two four-digit, consecutive years.</summary>
public static class SeasonName
{
    /// <summary>The season a kick-off belongs to: European football seasons start in July ("2026-2027" from 1 July 2026).</summary>
    public static string Of(DateTime kickoffUtc) =>
        kickoffUtc.Month >= 7 ? $"{kickoffUtc.Year}-{kickoffUtc.Year + 1}" : $"{kickoffUtc.Year - 1}-{kickoffUtc.Year}";

    public static bool TryParseStart(string season, out int startYear)
    {
        var parts = season.Trim().Split('-');
        startYear = 0;
        if (
            parts.Length == 2
            && parts[0].Length == 4
            && parts[1].Length == 4
            && int.TryParse(parts[0], out var a)
            && int.TryParse(parts[1], out var b)
            && b == a + 1
        )
        {
            startYear = a;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Expands "2019-2020", "2015-2016..2023-2024" or a comma list of either into the seasons, in
    /// order and without repeats; false with the problem (naming the part) when the text is not that.
    /// </summary>
    public static bool TryExpand(string text, out IReadOnlyList<string> seasons, out string? problem)
    {
        var list = new List<string>();
        seasons = list;
        problem = null;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split("..");
            if (ends.Length > 2)
            {
                problem = $"'{part}' is not a season or a range a..b";
                return false;
            }

            if (ends.FirstOrDefault(e => !TryParseStart(e, out _)) is { } bad)
            {
                problem = $"'{bad}' is not a season like 2019-2020";
                return false;
            }

            TryParseStart(ends[0], out var first);
            TryParseStart(ends[^1], out var last);
            if (last < first)
            {
                problem = $"'{part}' runs backwards";
                return false;
            }

            for (var year = first; year <= last; year++)
            {
                list.Add($"{year}-{year + 1}");
            }
        }

        if (list.Count == 0)
        {
            problem = "no season given";
            return false;
        }

        seasons = list.Distinct().ToArray();
        return true;
    }
}

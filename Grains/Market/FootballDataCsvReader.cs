using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Market;

/// <summary>
/// Reads football-data.co.uk CSVs into the point-in-time model. Handles every quirk of the real
/// files: Latin-1 or UTF-8 with BOM, CRLF or LF, dd/mm/yy or dd/mm/yyyy, an optional Time column
/// (UK local time, else 15:00), column sets that change by era, blank prices, trailing empty rows.
/// A bad row is reported and skipped; a bad price is reported and only that quote is dropped.
/// </summary>
public static partial class FootballDataCsvReader
{
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeSpan DefaultKickoff = new(15, 0, 0);

    public static CsvReadResult Read(Stream content, string fileName, string? seasonHint = null)
    {
        // Latin-1 unless a BOM says otherwise (the 2024-25 files start with a UTF-8 BOM).
        using var text = new StreamReader(content, Encoding.Latin1, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            BadDataFound = null,
            MissingFieldFound = null,
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.Trim,
        };
        using var csv = new CsvReader(text, config);
        var name = Path.GetFileName(fileName);
        var issues = new ImportIssueLog(name);
        var matches = new List<MatchRecord>();

        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            issues.Add(new ImportIssue(name, 1, "header", "the file is empty or has no header row", true));
            return new CsvReadResult(name, 0, matches, issues.ToList());
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            index.TryAdd(header[i].Trim().TrimStart('\uFEFF'), i);
        }

        foreach (var required in new[] { "Div", "Date", "HomeTeam", "AwayTeam", "FTHG", "FTAG" })
        {
            if (!index.ContainsKey(required))
            {
                issues.Add(new ImportIssue(name, 1, required, "required column is missing from the header", true));
            }
        }

        if (issues.Count > 0)
        {
            return new CsvReadResult(name, 0, matches, issues.ToList());
        }

        var priceColumns = FootballDataColumns
            .Prices.Where(c => index.ContainsKey(c.Name))
            .Select(c =>
                (
                    Column: c,
                    Index: index[c.Name],
                    LineIndex: c.LineColumn is not null && index.TryGetValue(c.LineColumn, out var li) ? li : -1
                )
            )
            .ToArray();
        var fileSeason = seasonHint ?? SeasonFromFileName(name);

        var rowsRead = 0;
        var quotes = new List<Quote>(96);
        while (csv.Read())
        {
            var row = csv.Parser.Record ?? [];
            var line = csv.Parser.RawRow;
            if (row.All(string.IsNullOrWhiteSpace))
            {
                continue; // trailing ",,,," rows of older files
            }

            rowsRead++;
            string Cell(string column) => index.TryGetValue(column, out var i) && i < row.Length ? row[i].Trim() : "";

            var div = Cell("Div");
            var home = Cell("HomeTeam");
            var away = Cell("AwayTeam");
            var rowIssues = issues.Count;
            if (div.Length == 0)
            {
                issues.Add(new ImportIssue(name, line, "Div", "empty", true));
            }

            if (home.Length == 0)
            {
                issues.Add(new ImportIssue(name, line, "HomeTeam", "empty", true));
            }

            if (away.Length == 0)
            {
                issues.Add(new ImportIssue(name, line, "AwayTeam", "empty", true));
            }

            var kickoff = ParseKickoff(Cell("Date"), Cell("Time"), name, line, issues);
            var homeGoals = ParseGoals(Cell("FTHG"), "FTHG", name, line, issues);
            var awayGoals = ParseGoals(Cell("FTAG"), "FTAG", name, line, issues);
            if (issues.Count > rowIssues)
            {
                continue;
            }

            int? htHome = int.TryParse(Cell("HTHG"), NumberStyles.None, CultureInfo.InvariantCulture, out var hth) ? hth : null;
            int? htAway = int.TryParse(Cell("HTAG"), NumberStyles.None, CultureInfo.InvariantCulture, out var hta) ? hta : null;

            quotes.Clear();
            foreach (var (column, columnIndex, lineIndex) in priceColumns)
            {
                var raw = columnIndex < row.Length ? row[columnIndex].Trim() : "";
                if (raw.Length == 0)
                {
                    continue; // blank price: simply not quoted
                }

                if (
                    !double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var price)
                    || !OddsMath.IsDecimalPrice(price)
                )
                {
                    issues.Add(
                        new ImportIssue(
                            name,
                            line,
                            column.Name,
                            $"'{raw}' is not a decimal price (above 1.0, at most {OddsMath.MaxDecimalPrice:0}); quote skipped",
                            false
                        )
                    );
                    continue;
                }

                var quoteLine = column.FixedLine;
                if (column.Market == MarketType.AsianHandicap)
                {
                    var lineText = lineIndex >= 0 && lineIndex < row.Length ? row[lineIndex].Trim() : "";
                    if (
                        !double.TryParse(lineText, NumberStyles.Float, CultureInfo.InvariantCulture, out quoteLine)
                        || Math.Abs(quoteLine * 4 - Math.Round(quoteLine * 4)) > 1e-9
                    )
                    {
                        issues.Add(
                            new ImportIssue(
                                name,
                                line,
                                column.LineColumn!,
                                $"'{lineText}' is not a quarter-goal handicap line; {column.Name} skipped",
                                false
                            )
                        );
                        continue;
                    }
                }

                quotes.Add(new Quote(column.Source, column.Market, column.Outcome, quoteLine, column.Phase, price));
            }

            var season = fileSeason ?? SeasonOf(kickoff);
            var id = MatchId.Format(div, season, kickoff, home, away);
            matches.Add(
                new MatchRecord(
                    id,
                    div,
                    season,
                    kickoff,
                    home,
                    away,
                    new MatchResult(homeGoals, awayGoals, htHome, htAway),
                    quotes.ToArray()
                )
            );
        }

        return new CsvReadResult(name, rowsRead, matches, issues.ToList());
    }

    /// <summary>"2019-2020.csv" → "2019-2020"; anything else → null (the season then comes from the dates).</summary>
    public static string? SeasonFromFileName(string fileName)
    {
        var m = SeasonPattern().Match(Path.GetFileNameWithoutExtension(fileName));
        return
            m.Success
            && int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) == int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1
            ? m.Value
            : null;
    }

    /// <summary>Seasons run August to May: July onwards belongs to the season starting that year.</summary>
    public static string SeasonOf(DateTime kickoffUtc)
    {
        var start = kickoffUtc.Month >= 7 ? kickoffUtc.Year : kickoffUtc.Year - 1;
        return $"{start}-{start + 1}";
    }

    private static DateTime ParseKickoff(string date, string time, string file, int line, ImportIssueLog issues)
    {
        // Length tells the formats apart: 8 = dd/MM/yy, 10 = dd/MM/yyyy (two-digit years are 20xx).
        var format = date.Length switch
        {
            8 => "dd/MM/yy",
            10 => "dd/MM/yyyy",
            _ => null,
        };
        if (format is null || !DateTime.TryParseExact(date, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            issues.Add(new ImportIssue(file, line, "Date", $"'{date}' is not dd/mm/yy or dd/mm/yyyy", true));
            return default;
        }

        if (format == "dd/MM/yy" && day.Year < 2000)
        {
            day = day.AddYears(100);
        }

        var clock = DefaultKickoff;
        if (time.Length > 0 && !TimeSpan.TryParseExact(time, @"hh\:mm", CultureInfo.InvariantCulture, out clock))
        {
            issues.Add(new ImportIssue(file, line, "Time", $"'{time}' is not HH:mm", true));
            return default;
        }

        var local = DateTime.SpecifyKind(day.Date + clock, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(UkTime.IsInvalidTime(local) ? local.AddHours(1) : local, UkTime);
    }

    private static int ParseGoals(string text, string field, string file, int line, ImportIssueLog issues)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var goals) && goals <= 99)
        {
            return goals;
        }

        issues.Add(
            new ImportIssue(file, line, field, text.Length == 0 ? "empty (the result is required)" : $"'{text}' is not a goal count", true)
        );
        return 0;
    }

    [GeneratedRegex(@"(\d{4})-(\d{4})")]
    private static partial Regex SeasonPattern();
}

using System.Globalization;
using System.Text;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Tests.Market;

/// <summary>The importer on the real files in ../shared/data and on rows that show each quirk.</summary>
public sealed class FootballDataCsvReaderTests
{
    private static string DataFile(string league, string season) =>
        Path.Combine(RepoPaths.SharedData, "data", "football-data", league, $"{season}.csv");

    private static CsvReadResult ReadFile(string league, string season)
    {
        using var stream = File.OpenRead(DataFile(league, season));
        return FootballDataCsvReader.Read(stream, $"{season}.csv");
    }

    [Fact]
    public void ReadsEveryRealFileCompletely()
    {
        var root = Path.Combine(RepoPaths.SharedData, "data", "football-data");
        var total = 0;
        foreach (var file in Directory.GetFiles(root, "*.csv", SearchOption.AllDirectories))
        {
            using var stream = File.OpenRead(file);
            var result = FootballDataCsvReader.Read(stream, Path.GetFileName(file));
            Assert.True(result.RowsRejected == 0, $"{file}: {string.Join("; ", result.Issues.Take(3))}");
            Assert.Equal(result.RowsRead, result.Matches.Count);
            Assert.Equal(result.Matches.Count, result.Matches.Select(m => m.Id).Distinct().Count());
            total += result.Matches.Count;
        }

        Assert.Equal(23_489, total); // the data README's count
    }

    [Fact]
    public void OldEraTwoDigitYearsNoTimeAndBetbrainAggregates()
    {
        var result = ReadFile("E0", "2012-2013");
        var first = result.Matches[0];
        Assert.Equal("E0", first.League);
        Assert.Equal("2012-2013", first.Season);
        Assert.Equal(2012, first.KickoffUtc.Year); // "18/08/12" is 2012, not 1912
        Assert.Equal(14, first.KickoffUtc.Hour); // 15:00 UK summer time = 14:00 UTC
        Assert.Contains(first.Quotes, q => q.Source == PriceSource.MarketMax && q.Market == MarketType.MatchOdds);
        Assert.Contains(first.Quotes, q => q.Source == PriceSource.MarketAvg && q.Market == MarketType.OverUnder && q.Line == 2.5);
        Assert.Contains(first.Quotes, q => q.Market == MarketType.AsianHandicap && q.Source == PriceSource.MarketAvg);
        Assert.Contains(first.Quotes, q => q.Source == PriceSource.Pinnacle && q.Phase == Phase.Closing);
        Assert.DoesNotContain(first.Quotes, q => q.Source == PriceSource.Bet365 && q.Phase == Phase.Closing);
    }

    [Fact]
    public void NewEraBomLfTimeAndClosingLines()
    {
        var result = ReadFile("E0", "2024-2025"); // UTF-8 BOM, LF line ends, Time column
        Assert.DoesNotContain(result.Issues, i => i.RowRejected);
        var first = result.Matches[0];
        Assert.Equal("E0", first.League); // the BOM did not leak into "Div"
        Assert.Equal(new DateTime(2024, 8, 16, 19, 0, 0, DateTimeKind.Utc), first.KickoffUtc); // 20:00 BST
        Assert.Contains(first.Quotes, q => q.Source == PriceSource.Bet365 && q.Phase == Phase.Closing);
        Assert.Contains(
            first.Quotes,
            q => q.Source == PriceSource.Pinnacle && q.Market == MarketType.OverUnder && q.Phase == Phase.Closing
        );
        var ah = first.Quotes.Where(q => q.Market == MarketType.AsianHandicap && q.Source == PriceSource.Pinnacle).ToArray();
        Assert.Equal(4, ah.Length); // home and away, opening and closing, each on its own line
        Assert.All(ah, q => Assert.False(double.IsNaN(q.Line)));
    }

    [Fact]
    public void MissingPinnaclePricesAreSimplyNotQuoted()
    {
        // D1 2018-2019 has one match without Pinnacle prices.
        var result = ReadFile("D1", "2018-2019");
        Assert.Equal(306, result.Matches.Count);
        Assert.Equal(
            305,
            result.Matches.Count(m =>
                m.Quotes.Any(q => q.Source == PriceSource.Pinnacle && q.Phase == Phase.Opening && q.Market == MarketType.MatchOdds)
            )
        );
    }

    [Fact]
    public void BadRowsAndFieldsAreReportedAndTheGoodOnesKept()
    {
        var csv =
            "Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,PSH,PSD,PSA,AHh,PAHH,PAHA\r\n"
            + "E0,09/08/2019,20:00,Liverpool,Norwich,4,1,H,1.14,9.5,21,-2.25,1.97,1.93\r\n"
            + // line 2: good
            "E0,31/02/2019,15:00,Man City,Chelsea,1,1,D,2,3.4,3.9,0,1.9,1.9\r\n"
            + // line 3: bad date
            "E0,10/08/2019,15:00,Burnley,Southampton,x,0,H,2.4,3.3,3.1,0,1.9,1.9\r\n"
            + // line 4: bad goals
            "E0,10/08/2019,15:00,Watford,Brighton,0,3,A,0.9,3.3,abc,0.1,1.9,1.9\r\n"
            + // line 5: bad prices + line
            "E0,10/08/19,12:30,West Ham,Man City,0,5,A,12,6.5,1.3,1.75,1.9,1.9\r\n"
            + // line 6: dd/mm/yy, good
            ",,,,,,,,,,,,,\r\n"; // trailing empty row
        var result = FootballDataCsvReader.Read(new MemoryStream(Encoding.Latin1.GetBytes(csv)), "2019-2020.csv");

        Assert.Equal(5, result.RowsRead);
        Assert.Equal(3, result.Matches.Count);
        Assert.Equal(2, result.RowsRejected);
        var messages = result.Issues.Select(i => i.ToString()).ToArray();
        Assert.Contains("2019-2020.csv:3: Date: '31/02/2019' is not dd/mm/yy or dd/mm/yyyy", messages);
        Assert.Contains("2019-2020.csv:4: FTHG: 'x' is not a goal count", messages);
        Assert.Contains(messages, m => m.StartsWith("2019-2020.csv:5: PSH: '0.9' is not a decimal price", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("2019-2020.csv:5: PSA: 'abc'", StringComparison.Ordinal));
        Assert.Contains(
            messages,
            m => m.StartsWith("2019-2020.csv:5: AHh: '0.1' is not a quarter-goal handicap line", StringComparison.Ordinal)
        );

        var watford = result.Matches.Single(m => m.HomeTeam == "Watford");
        Assert.Equal([3.3], watford.Quotes.Select(q => q.Price)); // only the good draw price survived
        var liverpool = result.Matches.Single(m => m.HomeTeam == "Liverpool");
        Assert.Equal(-2.25, liverpool.Quotes.First(q => q.Market == MarketType.AsianHandicap).Line);
        Assert.Equal(2019, result.Matches.Single(m => m.HomeTeam == "West Ham").KickoffUtc.Year);
    }

    [Fact]
    public void AFileOfBadRowsCostsABoundedListAndItsGoodPartStillGoesThrough()
    {
        // 5,000 rows, each with a bad Pinnacle home price (the quote is skipped, the match kept), then 2,000 rows without a date.
        var csv = new StringBuilder("Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,PSH,PSD,PSA\r\n");
        for (var i = 0; i < 5_000; i++)
        {
            csv.Append(
                CultureInfo.InvariantCulture,
                $"E0,{1 + i % 28:00}/0{1 + i / 1000}/2020,15:00,Home{i},Away{i},1,0,H,zero,3.4,3.9\r\n"
            );
        }

        for (var i = 0; i < 2_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"E0,,15:00,Late{i},Later{i},1,0,H,2.0,3.4,3.9\r\n");
        }

        var result = FootballDataCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "2019-2020.csv");
        Assert.Equal(7_000, result.RowsRead);
        Assert.Equal(5_000, result.Matches.Count);
        Assert.Equal(2_000, result.RowsRejected);
        Assert.Equal(1_001, result.Issues.Count);
        Assert.StartsWith("2019-2020.csv:2: PSH: 'zero' is not a decimal price", result.Issues[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("2019-2020.csv:0: *: 6000 more problems not listed (the first 1000 are)", result.Issues[^1].ToString());
    }

    [Fact]
    public void InfinityAndAbsurdlyLongPricesAreNotPrices()
    {
        var csv =
            "Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,PSH,PSD,PSA\r\n"
            + "E0,09/08/2019,20:00,Liverpool,Norwich,4,1,H,Infinity,1e308,21\r\n"
            + "E0,10/08/2019,15:00,Burnley,Southampton,3,0,H,2.4,1000,1001\r\n";
        var result = FootballDataCsvReader.Read(new MemoryStream(Encoding.Latin1.GetBytes(csv)), "2019-2020.csv");

        Assert.Equal(2, result.Matches.Count); // the rows stay; only the bad quotes go
        var messages = result.Issues.Select(i => i.ToString()).ToArray();
        Assert.Contains(messages, m => m.StartsWith("2019-2020.csv:2: PSH: 'Infinity' is not a decimal price", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("2019-2020.csv:2: PSD: '1e308' is not a decimal price", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("2019-2020.csv:3: PSA: '1001' is not a decimal price", StringComparison.Ordinal));
        Assert.Equal([21.0], result.Matches.Single(m => m.HomeTeam == "Liverpool").Quotes.Select(q => q.Price));
        Assert.Equal([2.4, 1000], result.Matches.Single(m => m.HomeTeam == "Burnley").Quotes.Select(q => q.Price));
        Assert.Throws<QuantException>(() => OddsMath.ValidateDecimal(1e308));
        Assert.Throws<QuantException>(() => OddsMath.ValidateDecimal(double.PositiveInfinity));
    }

    [Fact]
    public void Latin1NamesSurvive()
    {
        var csv = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\n" + "SP1,01/09/2013,Málaga,Atlético,1,0\n";
        var result = FootballDataCsvReader.Read(new MemoryStream(Encoding.Latin1.GetBytes(csv)), "2013-2014.csv");
        Assert.Equal("Málaga", result.Matches.Single().HomeTeam);
    }
}

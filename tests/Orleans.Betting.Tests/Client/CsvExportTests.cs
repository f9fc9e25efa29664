using Orleans.Betting.Operations;

namespace Orleans.Betting.Tests.Client;

/// <summary>The CSV exports: RFC 4180 quoting, invariant numbers that round-trip, UTC times, one row per bet.</summary>
public sealed class CsvExportTests
{
    [Fact]
    public void FieldsAreQuotedNumbersRoundTripAndTimesAreUtc()
    {
        var text = CsvExport.Write(
            ["match", "price", "atUtc", "note"],
            [
                ["Brighton, Hove", 2.1 / 3, new DateTime(2024, 8, 17, 14, 0, 0, DateTimeKind.Utc), "said \"stale\""],
                ["A-B", null, null, null],
            ]
        );
        var lines = text.TrimEnd().Split("\r\n");
        Assert.Equal("match,price,atUtc,note", lines[0]);
        Assert.Equal(
            $"\"Brighton, Hove\",{(2.1 / 3).ToString("R", System.Globalization.CultureInfo.InvariantCulture)},2024-08-17T14:00:00Z,\"said \"\"stale\"\"\"",
            lines[1]
        );
        Assert.Equal("A-B,,,", lines[2]);
        Assert.Equal(2.1 / 3, double.Parse(lines[1].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture));
    }
}

using System.Globalization;
using CsvHelper;

namespace Orleans.Betting.Operations;

/// <summary>Tables as CSV (RFC 4180, invariant culture, UTC times in ISO 8601): the client's <c>--csv</c> and the console's downloads.</summary>
public static class CsvExport
{
    public static string Ledger(IEnumerable<BetView> bets) =>
        Write(
            [
                "id",
                "placedUtc",
                "kickoffUtc",
                "league",
                "match",
                "outcome",
                "price",
                "bookmaker",
                "source",
                "stake",
                "status",
                "profit",
                "closingPrice",
                "clv",
                "clvBasis",
                "probability",
                "edge",
                "tier",
                "strategies",
                "note",
            ],
            bets.Select(b =>
                new object?[]
                {
                    b.Id,
                    b.PlacedUtc,
                    b.KickoffUtc,
                    b.League,
                    b.Match,
                    b.Outcome,
                    b.Price,
                    b.Bookmaker,
                    b.Source,
                    b.Stake,
                    b.Status,
                    b.Profit,
                    b.ClosingPrice,
                    b.Clv,
                    b.ClvBasis,
                    b.Probability,
                    b.Edge,
                    b.Tier,
                    string.Join(' ', b.Strategies),
                    b.Note,
                }
            )
        );

    public static string Picks(IEnumerable<PickView> picks) =>
        Write(
            [
                "decidedUtc",
                "kickoffUtc",
                "league",
                "matchId",
                "selection",
                "price",
                "source",
                "probability",
                "edge",
                "tier",
                "stake",
                "votesFor",
                "votesAgainst",
                "absent",
                "voters",
                "outcome",
                "detail",
                "placedPrice",
                "bookmaker",
            ],
            picks.Select(p =>
                new object?[]
                {
                    p.DecidedUtc,
                    p.KickoffUtc,
                    p.League,
                    p.MatchId,
                    p.Selection,
                    p.Price,
                    p.Source,
                    p.Probability,
                    p.Edge,
                    p.Tier,
                    p.Stake,
                    p.VotesFor,
                    p.VotesAgainst,
                    p.Absent,
                    string.Join(' ', p.Voters),
                    p.Outcome,
                    p.Detail,
                    p.PlacedPrice,
                    p.Bookmaker,
                }
            )
        );

    /// <summary>Any table: a header and rows of values (numbers round-trip, times as ISO 8601 UTC).</summary>
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var h in header)
            {
                csv.WriteField(h);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var value in row)
                {
                    csv.WriteField(Format(value));
                }

                csv.NextRecord();
            }
        }

        return text.ToString();
    }

    private static string Format(object? value) =>
        value switch
        {
            null => "",
            DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
}

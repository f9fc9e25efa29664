namespace Orleans.Betting.Market.Live;

/// <summary>
/// Finds steam in price histories: for each outcome, the books whose implied probability moved by
/// at least <see cref="SteamSettings.MinMove"/> within the window ending at the latest observation,
/// all the same way; enough of them is a steam move. The first mover is the book that crossed the
/// threshold earliest (usually a sharp book). A move already reported for the same outcome and
/// direction within the window is not reported again.
/// </summary>
public static class SteamDetector
{
    public static IReadOnlyList<SteamMove> Detect(
        IReadOnlyDictionary<PriceSeriesKey, List<PricePoint>> series,
        SteamSettings settings,
        IReadOnlyList<SteamMove> alreadyReported
    )
    {
        if (series.Count == 0)
        {
            return [];
        }

        var now = series.Values.Where(s => s.Count > 0).Select(s => s[^1].AtUtc).DefaultIfEmpty().Max();
        var from = now - settings.Window;
        var found = new List<SteamMove>();
        foreach (var outcome in series.GroupBy(s => (s.Key.Market, s.Key.Outcome, s.Key.Point)))
        {
            var movers = new List<(string Book, int Direction, double From, double To, DateTime Crossed, DateTime Started)>();
            foreach (var (key, points) in outcome)
            {
                if (points.Count < 2 || points[^1].AtUtc < from)
                {
                    continue;
                }

                // The price standing at the window's start (or the first one seen inside it).
                var startIndex = points.FindLastIndex(p => p.AtUtc <= from);
                if (startIndex < 0)
                {
                    startIndex = 0;
                }

                var start = 1.0 / points[startIndex].Price;
                var end = 1.0 / points[^1].Price;
                var move = end - start;
                if (Math.Abs(move) < settings.MinMove)
                {
                    continue;
                }

                var direction = Math.Sign(move);
                var crossed = points.Skip(startIndex + 1).First(p => direction * (1.0 / p.Price - start) >= settings.MinMove).AtUtc;
                movers.Add((key.Bookmaker, direction, start, end, crossed, points[startIndex].AtUtc));
            }

            foreach (var side in movers.GroupBy(m => m.Direction))
            {
                var books = side.OrderBy(m => m.Crossed).ThenBy(m => m.Book, StringComparer.Ordinal).ToList();
                if (books.Count < settings.MinBookmakers)
                {
                    continue;
                }

                var (market, name, point) = outcome.Key;
                if (
                    alreadyReported.Any(r =>
                        r.Market == market
                        && r.Outcome == name
                        && r.Point == point
                        && r.Direction == side.Key
                        && r.DetectedUtc >= now - settings.Window
                    )
                )
                {
                    continue;
                }

                var first = books[0];
                found.Add(
                    new SteamMove(
                        market,
                        name,
                        point,
                        side.Key,
                        books.Select(b => b.Book).ToList(),
                        first.Book,
                        Math.Round(first.From, 4),
                        Math.Round(first.To, 4),
                        first.Started,
                        now
                    )
                );
            }
        }

        return found;
    }
}

using System.Globalization;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market.Identity;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Market.Live;

/// <summary>
/// Reads one event of The Odds API v4 odds response into our market model (pure). Modelled markets:
/// <c>h2h</c> (1X2 where a draw exists — every soccer sport, or a listed Draw — else the two-way
/// money line), <c>totals</c> (Over/Under at the point) and <c>spreads</c> (the handicap, stored as
/// the home line on both sides). Exchange lay markets (<c>*_lay</c>) are never back prices; other
/// markets (outrights, props, alternates) are counted as unmodelled; a price that is not a finite
/// decimal above 1, or an outcome that names neither team, is reported with the bookmaker, market
/// and outcome, and the rest of the event still goes through.
/// </summary>
public static class LiveEventMapper
{
    /// <summary>Problems kept per event (the counts keep the rest).</summary>
    public const int MaxProblems = 20;

    public static LiveEventReading Read(OddsEvent e, TeamNameMatcher? teams, DateTime observedUtc)
    {
        ArgumentNullException.ThrowIfNull(e);
        var league = SportLeagues.TryLeague(e.SportKey ?? "", out var code) ? code : null;
        var soccer = (e.SportKey ?? "").StartsWith("soccer", StringComparison.OrdinalIgnoreCase);
        var problems = new List<string>();
        var fixture = $"event {e.Id} ({e.HomeTeam} v {e.AwayTeam})";
        void Problem(string text)
        {
            if (problems.Count < MaxProblems)
            {
                problems.Add($"{fixture}: {text}");
            }
        }

        TeamMapping? home = null,
            away = null;
        if (league is null)
        {
            Problem(
                $"sport '{e.SportKey}' has no league history here (known: {SportLeagues.Sports.Count} soccer sports): tracked, not traded"
            );
        }
        else if (teams is null)
        {
            Problem($"league {league} has no imported history to meet its teams: tracked, not traded");
        }
        else
        {
            home = teams.Map(e.HomeTeam ?? "");
            away = teams.Map(e.AwayTeam ?? "");
            foreach (var t in new[] { home, away }.Where(t => !t.Mapped))
            {
                Problem($"team '{t.Name}' is not in {league}'s history (closest: {string.Join(", ", t.Candidates)}): not traded");
            }
        }

        int lay = 0,
            unmodelled = 0,
            bad = 0,
            unknown = 0;
        var quotes = new List<LiveQuote>();
        if (e.Bookmakers is null)
        {
            Problem("the response has no bookmakers array: no prices");
        }

        foreach (var book in e.Bookmakers ?? [])
        {
            if (book?.Markets is null || string.IsNullOrWhiteSpace(book.Key))
            {
                Problem($"a bookmaker entry without a key or markets ({book?.Key ?? "null"}): skipped");
                continue;
            }

            foreach (var market in book.Markets)
            {
                var outcomes = market?.Outcomes ?? [];
                var key = market?.Key ?? "";
                if (key.EndsWith("_lay", StringComparison.OrdinalIgnoreCase))
                {
                    lay += outcomes.Count; // what an exchange pays to lay is not a price to back
                    continue;
                }

                MarketType type;
                switch (key)
                {
                    case "h2h":
                        type = soccer || outcomes.Any(o => IsDraw(o?.Name)) ? MarketType.MatchOdds : MarketType.MoneyLine;
                        break;
                    case "totals":
                        type = MarketType.OverUnder;
                        break;
                    case "spreads":
                        type = MarketType.AsianHandicap;
                        break;
                    default:
                        unmodelled += outcomes.Count;
                        continue;
                }

                var at = Cap(market!.LastUpdate ?? book.LastUpdate, observedUtc);
                foreach (var o in outcomes)
                {
                    // Named only when something is wrong (this runs for every price of every poll).
                    string Where() => $"bookmaker {book.Key}, market {key}, outcome '{o?.Name}'";
                    if (o is null)
                    {
                        unknown++;
                        Problem($"{Where()}: empty outcome");
                        continue;
                    }

                    if (!double.IsFinite(o.Price) || !OddsMath.IsDecimalPrice(o.Price))
                    {
                        bad++;
                        Problem($"{Where()}: price {o.Price.ToString(CultureInfo.InvariantCulture)} is not a decimal price above 1");
                        continue;
                    }

                    if (Side(type, o, e) is not { } side)
                    {
                        unknown++;
                        Problem(
                            $"{Where()}{(o.Point is { } p ? $" point {p.ToString(CultureInfo.InvariantCulture)}" : "")}: names no side of this market"
                        );
                        continue;
                    }

                    quotes.Add(new LiveQuote(book.Key, type, side.Outcome, side.Line, o.Price, at));
                }
            }
        }

        return new LiveEventReading(
            e.Id,
            e.SportKey ?? "",
            league,
            e.CommenceTime,
            e.HomeTeam ?? "",
            e.AwayTeam ?? "",
            home,
            away,
            !soccer,
            quotes,
            new LiveSkips(lay, unmodelled, bad, unknown, e.Bookmakers is null),
            problems
        );
    }

    private static bool IsDraw(string? name) => string.Equals(name, "Draw", StringComparison.OrdinalIgnoreCase);

    /// <summary>A book's clock ahead of ours does not date a price in our future.</summary>
    private static DateTime Cap(DateTime at, DateTime observedUtc) => at == default || at > observedUtc ? observedUtc : at;

    /// <summary>
    /// The selection an API market key, outcome name and point name on an event (a steam move's terms), as the
    /// event's prices are mapped; null when it is not a side of a market we model.
    /// </summary>
    public static Selection? SelectionOf(
        string sport,
        string marketKey,
        string outcomeName,
        double? point,
        string homeTeam,
        string awayTeam
    )
    {
        MarketType? type = marketKey switch
        {
            "h2h" => sport.StartsWith("soccer", StringComparison.Ordinal) || IsDraw(outcomeName)
                ? MarketType.MatchOdds
                : MarketType.MoneyLine,
            "totals" => MarketType.OverUnder,
            "spreads" => MarketType.AsianHandicap,
            _ => null,
        };
        if (type is not { } t)
        {
            return null;
        }

        var side = Side(t, new OddsOutcome(outcomeName, 2.0, point), new OddsEvent("", sport, null, default, homeTeam, awayTeam, null));
        return side is { } s ? Selection.Of(t, s.Outcome, s.Line) : null;
    }

    private static (Outcome Outcome, double Line)? Side(MarketType type, OddsOutcome o, OddsEvent e)
    {
        var isHome = string.Equals(o.Name, e.HomeTeam, StringComparison.Ordinal);
        var isAway = string.Equals(o.Name, e.AwayTeam, StringComparison.Ordinal);
        var point = o.Point is { } p && double.IsFinite(p) ? p : double.NaN;
        return type switch
        {
            MarketType.MatchOdds when isHome => (Outcome.Home, double.NaN),
            MarketType.MatchOdds when isAway => (Outcome.Away, double.NaN),
            MarketType.MatchOdds when IsDraw(o.Name) => (Outcome.Draw, double.NaN),
            MarketType.MoneyLine when isHome => (Outcome.Home, double.NaN),
            MarketType.MoneyLine when isAway => (Outcome.Away, double.NaN),
            MarketType.OverUnder when !double.IsNaN(point) && string.Equals(o.Name, "Over", StringComparison.OrdinalIgnoreCase) => (
                Outcome.Over,
                point
            ),
            MarketType.OverUnder when !double.IsNaN(point) && string.Equals(o.Name, "Under", StringComparison.OrdinalIgnoreCase) => (
                Outcome.Under,
                point
            ),
            // Our handicap line is the home side's: the away outcome's point is its negation.
            MarketType.AsianHandicap when !double.IsNaN(point) && isHome => (Outcome.Home, point),
            MarketType.AsianHandicap when !double.IsNaN(point) && isAway => (Outcome.Away, point == 0 ? 0 : -point),
            _ => null,
        };
    }
}

using System.Globalization;
using System.Text.Json.Serialization;
using Orleans.Betting.Serialization;

namespace Orleans.Betting.Market;

/// <summary>
/// What a pick, vote, bet or veto backs: a market, a side of it, and the line for totals and handicaps.
/// Its text is the key strategies have always voted with: "home", "draw", "away", "over 2.5", "under 2.5",
/// "ah home -0.75", and the two-way money line's "ml home". It travels and is stored as that text
/// (<see cref="SelectionCodec"/>), the string these records carried before the type existed.
/// </summary>
[Immutable]
[Alias("betting.Selection")]
[JsonConverter(typeof(TextFormJsonConverter<Selection>))]
public sealed record Selection : ITextForm<Selection>
{
    public Selection(MarketType market, Outcome outcome, double? line = null)
    {
        var valid = market switch
        {
            MarketType.MatchOdds => outcome is Outcome.Home or Outcome.Draw or Outcome.Away && line is null,
            MarketType.MoneyLine => outcome is Outcome.Home or Outcome.Away && line is null,
            MarketType.OverUnder => outcome is Outcome.Over or Outcome.Under && line is { } l && double.IsFinite(l),
            MarketType.AsianHandicap => outcome is Outcome.Home or Outcome.Away && line is { } l && double.IsFinite(l),
            _ => false,
        };
        if (!valid)
        {
            throw new ArgumentException(
                $"selection {market} {outcome} {line?.ToString(CultureInfo.InvariantCulture) ?? "(no line)"}: "
                    + market switch
                    {
                        MarketType.MatchOdds => "match odds take home, draw or away and no line",
                        MarketType.MoneyLine => "the money line takes home or away and no line",
                        MarketType.OverUnder => "totals take over or under and a finite line",
                        MarketType.AsianHandicap => "Asian handicaps take home or away and a finite line",
                        _ => "unknown market",
                    }
            );
        }

        (Market, Outcome, Line) = (market, outcome, line);
    }

    public MarketType Market { get; }
    public Outcome Outcome { get; }

    /// <summary>The total's or handicap's line; null for match odds and the money line.</summary>
    public double? Line { get; }

    /// <summary>The line as the pricing code takes it: NaN where the market has none.</summary>
    public double LineOrNaN => Line ?? double.NaN;

    /// <summary>Builds from the pricing code's form, where NaN means "no line".</summary>
    public static Selection Of(MarketType market, Outcome outcome, double line) =>
        new(market, outcome, market is MarketType.OverUnder or MarketType.AsianHandicap ? line : null);

    public string Text =>
        Market switch
        {
            MarketType.MatchOdds => Side,
            MarketType.MoneyLine => $"ml {Side}",
            MarketType.OverUnder => string.Create(CultureInfo.InvariantCulture, $"{Side} {Line:0.##}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"ah {Side} {Line:+0.##;-0.##;0}"),
        };

    private string Side => Outcome.ToString().ToLowerInvariant();

    public override string ToString() => Text;

    public static Selection Parse(string text) =>
        TryParse(text, out var selection)
            ? selection
            : throw new FormatException(
                $"selection '{text}': expected home, draw, away, over LINE, under LINE, ah home|away LINE or ml home|away"
            );

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Selection? selection)
    {
        selection = null;
        var parts = (text ?? "").ToLowerInvariant().Split(" ", StringSplitOptions.RemoveEmptyEntries);
        switch (parts)
        {
            case [var side] when Side(side) is { } o && o is Outcome.Home or Outcome.Draw or Outcome.Away:
                selection = new Selection(MarketType.MatchOdds, o);
                return true;
            case [var side, var l] when Side(side) is { } o && o is Outcome.Over or Outcome.Under && LineOf(l) is { } line:
                selection = new Selection(MarketType.OverUnder, o, line);
                return true;
            case ["ah", var side, var l] when Side(side) is { } o && o is Outcome.Home or Outcome.Away && LineOf(l) is { } line:
                selection = new Selection(MarketType.AsianHandicap, o, line);
                return true;
            case ["ml", var side] when Side(side) is { } o && o is Outcome.Home or Outcome.Away:
                selection = new Selection(MarketType.MoneyLine, o);
                return true;
            default:
                return false;
        }

        static Outcome? Side(string s) =>
            !s.Any(char.IsDigit) && Enum.TryParse<Outcome>(s, ignoreCase: true, out var o) && Enum.IsDefined(o) ? o : null;

        static double? LineOf(string s) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var l) && double.IsFinite(l) ? l : null;
    }
}

/// <summary>A <see cref="Selection"/> on the wire and in storage: its text, byte for byte the string it replaced.</summary>
[RegisterSerializer]
public sealed class SelectionCodec : TextFormCodec<Selection>;

[RegisterCopier]
public sealed class SelectionCopier : Orleans.Serialization.Cloning.ShallowCopier<Selection>;

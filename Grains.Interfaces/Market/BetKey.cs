using System.Globalization;
using System.Text.Json.Serialization;
using Orleans.Betting.Serialization;

namespace Orleans.Betting.Market;

/// <summary>
/// What one bet was on: the match and the <see cref="Selection"/>. Two strategies' bets are the same bet
/// when their keys are equal. Its text is <c>match id|selection</c> ("E0/2324/2023-08-12/Arsenal-Forest|over 2.5").
/// </summary>
[Immutable]
[Alias("betting.BetKey")]
[JsonConverter(typeof(TextFormJsonConverter<BetKey>))]
public sealed record BetKey(string MatchId, Selection Selection) : ITextForm<BetKey>
{
    public string Text => $"{MatchId}|{Selection.Text}";

    public override string ToString() => Text;

    public static BetKey Parse(string text)
    {
        var parts = text.Split('|');
        switch (parts)
        {
            case [var match, var selection] when match.Length > 0 && Selection.TryParse(selection, out var s):
                return new BetKey(match, s);
            // The form backtest reports wrote before the key had a type: match|MarketType|Outcome|line ("NaN" for none).
            case [var match, var market, var outcome, var line]
                when match.Length > 0
                    && Enum.TryParse<MarketType>(market, out var m)
                    && Enum.TryParse<Outcome>(outcome, out var o)
                    && double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out var l):
                return new BetKey(match, Selection.Of(m, o, l));
            default:
                throw new FormatException($"bet key '{text}': expected MATCH-ID|SELECTION (e.g. E0/2324/2023-08-12/Arsenal-Forest|home)");
        }
    }
}

[RegisterSerializer]
public sealed class BetKeyCodec : TextFormCodec<BetKey>;

[RegisterCopier]
public sealed class BetKeyCopier : Orleans.Serialization.Cloning.ShallowCopier<BetKey>;

namespace Orleans.Betting.Market;

/// <summary>The side of a market: Home/Draw/Away for 1X2, Over/Under for totals, Home/Away for Asian handicap.</summary>
public enum Outcome : byte
{
    Home,
    Draw,
    Away,
    Over,
    Under,
}

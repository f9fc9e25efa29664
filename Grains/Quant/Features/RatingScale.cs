namespace Orleans.Betting.Quant.Features;

/// <summary>The Elo scale shared by the rating features: a rating gap as win/draw/loss probabilities and back.</summary>
public static class RatingScale
{
    /// <summary>A draw's share shrinks as the gap grows, with this many rating points for a factor e.</summary>
    public const double DrawDecay = 600;

    /// <summary>Home/draw/away probabilities for a rating gap (home − away + home advantage).</summary>
    public static (double Home, double Draw, double Away) Probabilities(double gap, double drawBase)
    {
        var expected = Expected(gap);
        var draw = drawBase * Math.Exp(-Math.Abs(gap) / DrawDecay);
        return ((1 - draw) * expected, draw, (1 - draw) * (1 - expected));
    }

    /// <summary>The home side's expected score (win 1, draw ½) for a rating gap.</summary>
    public static double Expected(double gap) => 1 / (1 + Math.Pow(10, -gap / 400));

    /// <summary>The rating gap for an expected score strictly between 0 and 1.</summary>
    public static double Gap(double expected) => 400 * Math.Log10(expected / (1 - expected));
}

using Orleans.Betting.Configuration;

namespace Orleans.Betting.Clock;

/// <summary>The market clock (<c>Betting:Clock</c>).</summary>
public sealed class ClockOptions : IValidatedOptions
{
    public const string Section = "Betting:Clock";

    /// <summary>Market seconds per wall second (default a week every 10 s).</summary>
    public double Speed { get; set; } = 86400.0 * 7 / 10;

    /// <summary>Live on an accelerated market (the Embedded simulator): the market time at the anchor. Unset: the live market runs on the wall clock.</summary>
    public DateTime? LiveStartUtc { get; set; }

    /// <summary>The wall time at which the live market stood at <see cref="LiveStartUtc"/> (default: when the silo started); silos of one cluster share it.</summary>
    public DateTime? LiveAnchorUtc { get; set; }

    public void Validate(OptionsProblems problems) => problems.Positive(nameof(Speed), Speed);
}

using Orleans.Betting.Configuration;

namespace Orleans.Betting.Clock;

/// <summary>The market clock (<c>Betting:Clock</c>).</summary>
public sealed class ClockOptions : IValidatedOptions
{
    public const string Section = "Betting:Clock";

    /// <summary>Market seconds per wall second (default a week every 10 s).</summary>
    public double Speed { get; set; } = 86400.0 * 7 / 10;

    public void Validate(OptionsProblems problems) => problems.Positive(nameof(Speed), Speed);
}

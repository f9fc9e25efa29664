namespace Orleans.Betting.Silo.Hosting;

/// <summary>How the banner names the odds API this silo calls, when something other than the configured URL serves it.</summary>
public sealed record OddsApiDescription(string Text);

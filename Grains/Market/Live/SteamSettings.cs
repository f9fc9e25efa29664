namespace Orleans.Betting.Market.Live;

/// <summary>Steam thresholds (Betting:LiveOdds:Steam:*): the move in implied probability, the window, how many books.</summary>
public sealed record SteamSettings(double MinMove = 0.04, double WindowMinutes = 10, int MinBookmakers = 3)
{
    public TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);
}

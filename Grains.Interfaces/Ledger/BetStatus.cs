namespace Orleans.Betting.Ledger;

public enum BetStatus
{
    Open,
    Won,
    Lost,
    HalfWon,
    HalfLost,
    Void,
}

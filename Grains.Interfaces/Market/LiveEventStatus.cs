namespace Orleans.Betting.Market;

/// <summary>Where a live event stands.</summary>
public enum LiveEventStatus : byte
{
    Upcoming,
    Started,
    Completed,
    Voided,
}

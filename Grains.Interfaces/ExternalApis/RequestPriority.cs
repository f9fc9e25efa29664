namespace Orleans.Betting.ExternalApis;

/// <summary>Priority classes of outbound calls, served in this order, FIFO within a class.</summary>
public enum RequestPriority
{
    Critical,
    High,
    Normal,
    Background,
}

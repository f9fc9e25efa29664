namespace Orleans.Betting.Agents;

public enum ApprovalState
{
    Pending,
    Approved,
    Rejected,
}

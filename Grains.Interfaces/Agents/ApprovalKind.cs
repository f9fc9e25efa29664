namespace Orleans.Betting.Agents;

/// <summary>What waits for a human: a strategy to deploy, or an incident whose remediation failed twice.</summary>
public enum ApprovalKind
{
    Strategy,
    Incident,
}

namespace Orleans.Betting.Swarms;

public enum SwarmPhase
{
    Pending,
    Generating,
    Validating,
    Deploying,
    Voting,
    Completed,
    Failed,
}

namespace Orleans.Betting.Agents;

public enum AgentRole
{
    Orchestrator,
    Specialist,
    Worker,
}

namespace Orleans.Betting.Agents;

/// <summary>An agent's lifecycle: Idle → Running ⇄ Paused; Faulted (with the error) when a step keeps failing.</summary>
public enum AgentState
{
    Idle,
    Running,
    Paused,
    Faulted,
}

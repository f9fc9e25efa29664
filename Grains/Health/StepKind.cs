namespace Orleans.Betting.Health;

/// <summary>What the monitor should do for an incident now.</summary>
public enum StepKind
{
    Act,
    Escalate,
    Resolve,
}

namespace Orleans.Betting.Health;

/// <summary>Status of a component, as ASP.NET Core health checks name them.</summary>
public enum ComponentStatus
{
    Unhealthy,
    Degraded,
    Healthy,
}

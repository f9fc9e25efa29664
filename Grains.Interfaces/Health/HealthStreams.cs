namespace Orleans.Betting.Health;

public static class HealthStreams
{
    public const string ProbeNamespace = "health-probe";
}

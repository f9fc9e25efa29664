namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>
/// The test pyramid's two tiers, as an xUnit trait. Untagged tests are the fast tier: pure rules and
/// grains on an in-process cluster, no PostgreSQL, no processes, no container, no long real-time
/// wait (`tests/run.sh --fast` runs only these). <see cref="System"/> tests start silo or client
/// processes, a PostgreSQL, containers or a browser, wait out real minutes (chaos, outages,
/// drills) or run a whole search end to end; the full run (README's test command and CI) runs both.
/// </summary>
public static class Tier
{
    public const string Name = "Tier";
    public const string System = "System";
}

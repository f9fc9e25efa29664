namespace Orleans.Betting.Drills;

/// <summary>What the silo hosting the built-in odds simulator offers for fault drills.</summary>
public interface IFaultInjector
{
    /// <summary>Kinds: http500, latency, malformed, reset, rate-limit.</summary>
    string Inject(string kind, TimeSpan duration, TimeSpan? latency);

    string Clear();
}

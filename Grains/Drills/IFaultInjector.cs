namespace Orleans.Betting.Drills;

/// <summary>What the silo hosting the built-in odds simulator offers for fault drills.</summary>
public interface IFaultInjector
{
    string Inject(FaultKind kind, TimeSpan duration, TimeSpan? latency);

    string Clear();
}

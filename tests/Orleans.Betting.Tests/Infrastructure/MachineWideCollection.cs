namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>
/// Tests that load the whole machine (an image build, three silo processes with a database stopped
/// under them) or trade a live market on a fast real-time clock (where a starved second of CPU is
/// hours of market: quotes go stale, decision leads pass): they run one at a time after the others,
/// so that neither they nor the timings of the tests running beside them depend on what else a
/// two-core machine happens to be doing.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MachineWideCollection
{
    public const string Name = "machine-wide";
}

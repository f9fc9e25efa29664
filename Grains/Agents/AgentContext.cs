using Microsoft.Extensions.Options;
using Orleans.Betting.Drills;

namespace Orleans.Betting.Agents;

/// <summary>What every agent is given by its silo: the agents' options, the wall clock, the live market's time and the serializer.</summary>
public sealed class AgentContext(
    IOptions<AgentOptions> options,
    TimeProvider time,
    Clock.MarketTime market,
    Orleans.Serialization.Serializer serializer,
    IServiceProvider services
)
{
    /// <summary>Fault drills are allowed only where the silo runs a simulator to drill against (the Embedded profile).</summary>
    public bool DrillsAllowed { get; } = services.GetService(typeof(IFaultInjector)) is not null;

    /// <summary>Orleans' serializer: a record's fingerprint is its stored form.</summary>
    public Orleans.Serialization.Serializer Serializer => serializer;

    public AgentOptions Options => options.Value;

    public TimeProvider Time => time;

    /// <summary>The live market's time (accelerated on the Embedded simulator, the wall clock in production).</summary>
    public Clock.MarketTime Market => market;
}

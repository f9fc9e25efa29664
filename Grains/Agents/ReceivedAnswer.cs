using Orleans.Betting.Agents.Bus;

namespace Orleans.Betting.Agents;

/// <summary>An answer to one of this agent's requests, kept until the step that asked takes it (or it is crowded out).</summary>
[GenerateSerializer]
[Alias("betting.ReceivedAnswer")]
public sealed record ReceivedAnswer([property: Id(0)] string RequestId, [property: Id(1)] BusBody Body, [property: Id(2)] DateTime AtUtc);

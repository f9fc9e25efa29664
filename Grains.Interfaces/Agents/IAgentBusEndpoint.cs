using Orleans.Betting.Agents.Bus;
using Orleans.Concurrency;

namespace Orleans.Betting.Agents;

/// <summary>Operators (and tests) speak on the bus through an agent.</summary>
public interface IAgentBusEndpoint : IGrainWithStringKey
{
    /// <summary>Sends an event from this agent; it stays in the persisted outbox until the recipient acknowledges it.</summary>
    Task<string> SendAsync(string to, BusBody body);

    /// <summary>Sends a request; the answer (or its absence by the deadline: timed out) is recorded in the history.</summary>
    Task<string> RequestAsync(string to, BusBody body, TimeSpan deadline);

    [AlwaysInterleave]
    [ClientReadable]
    Task<IReadOnlyList<MessageRecord>> GetMessagesAsync(int limit = 200);

    [AlwaysInterleave]
    [ClientReadable]
    Task<int> OutboxCountAsync();

    /// <summary>This agent's requests by recipient and kind: sent, answered, timed out (<c>agents bus</c>).</summary>
    [AlwaysInterleave]
    [ClientReadable]
    Task<IReadOnlyList<BusFlow>> GetFlowsAsync();
}

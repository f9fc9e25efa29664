using Orleans.Concurrency;

namespace Orleans.Betting.Agents;

/// <summary>The agents' message bus: Orleans streams on the "bus" provider, one inbox stream per agent and broadcast topics.</summary>
public static class AgentBus
{
    public const string Provider = "bus";
    public const string InboxNamespace = "agent-inbox";
    public const string TopicNamespace = "agent-topic";

    /// <summary>The Orchestrator's news: one event per finished cycle (subject "cycle-completed").</summary>
    public const string CycleTopic = "cycles";
}

public enum MessageKind
{
    Event,
    Request,
    Response,
    Ack,
}

/// <summary>One message between agents. Requests carry a deadline; responses and acks carry the id they answer.</summary>
[GenerateSerializer, Immutable]
public sealed record AgentMessage(
    [property: Id(0)] string Id,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] MessageKind Kind,
    [property: Id(4)] string Subject,
    [property: Id(5)] string Body,
    [property: Id(6)] string? CorrelationId,
    [property: Id(7)] DateTime SentUtc,
    [property: Id(8)] DateTime? DeadlineUtc);

/// <summary>What happened to a message, as the agent's history keeps it.</summary>
[GenerateSerializer, Immutable]
public sealed record MessageRecord(
    [property: Id(0)] AgentMessage Message,
    [property: Id(1)] string Direction,
    [property: Id(2)] string Status,
    [property: Id(3)] DateTime AtUtc);

/// <summary>Operators (and tests) speak on the bus through an agent.</summary>
public interface IAgentBusEndpoint : IGrainWithStringKey
{
    /// <summary>Sends an event from this agent; it stays in the persisted outbox until the recipient acknowledges it.</summary>
    Task<string> SendAsync(string to, string subject, string body);

    /// <summary>Sends a request; the answer (or its absence by the deadline: timed out) is recorded in the history.</summary>
    Task<string> RequestAsync(string to, string subject, string body, TimeSpan deadline);

    [AlwaysInterleave]
    Task<IReadOnlyList<MessageRecord>> GetMessagesAsync(int limit = 200);

    [AlwaysInterleave]
    Task<int> OutboxCountAsync();
}

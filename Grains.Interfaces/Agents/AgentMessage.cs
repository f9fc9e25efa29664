namespace Orleans.Betting.Agents;

/// <summary>One message between agents. Requests carry a deadline; responses and acks carry the id they answer.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.AgentMessage")]
public sealed record AgentMessage(
    [property: Id(0)] string Id,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] MessageKind Kind,
    [property: Id(4)] string Subject,
    [property: Id(5)] string Body,
    [property: Id(6)] string? CorrelationId,
    [property: Id(7)] DateTime SentUtc,
    [property: Id(8)] DateTime? DeadlineUtc
);

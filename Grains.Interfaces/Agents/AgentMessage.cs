using Orleans.Betting.Agents.Bus;

namespace Orleans.Betting.Agents;

/// <summary>
/// One message between agents. Requests carry a deadline; responses and acks carry the id they answer.
/// <see cref="Payload"/> is what it says, typed; <see cref="Subject"/> and <see cref="Body"/> are its text for
/// people (and all that messages stored before payloads had types carry: <see cref="ReadPayload"/> reads them).
/// </summary>
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
    [property: Id(8)] DateTime? DeadlineUtc,
    [property: Id(9)] BusBody? Payload = null
)
{
    /// <summary>A new message carrying <paramref name="body"/>: its subject and text are the body's kind and summary.</summary>
    public static AgentMessage Carrying(string from, string to, MessageKind kind, BusBody body, DateTime sentUtc, DateTime? deadlineUtc) =>
        new(Guid.NewGuid().ToString("N"), from, to, kind, body.Kind, body.Summary, null, sentUtc, deadlineUtc, body);

    /// <summary>The typed payload, or the one a message stored before types is read into (throws when its text does not read).</summary>
    public BusBody ReadPayload() => Payload ?? BusBody.FromText(Subject, Body);
}

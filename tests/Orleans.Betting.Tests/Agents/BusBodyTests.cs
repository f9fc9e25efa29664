using Microsoft.Extensions.DependencyInjection;
using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Bus;
using Orleans.Betting.Health;
using Orleans.Serialization;

namespace Orleans.Betting.Tests.Agents;

/// <summary>
/// Bus messages carry typed bodies; messages stored before bodies had types (a subject and a text,
/// JSON for an alert, in outboxes and histories) read into the same records.
/// </summary>
public sealed class BusBodyTests
{
    private static readonly DateTime At = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Serializer NewSerializer() =>
        new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(BusBodyTests).Assembly).AddAssembly(typeof(AgentMessage).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer>();

    [Fact]
    public void AMessageStoredBeforeTypedBodiesReadsIntoTheRecordOfItsKind()
    {
        var serializer = NewSerializer();
        var alert = new Alert("storage-unhealthy", Severity.Critical, AgentNames.Database, "Storage write failed: disk full");
        AgentMessage Stored(string subject, string body) =>
            serializer.Deserialize<AgentMessage>(
                serializer.SerializeToArray(
                    new MessageBefore("m1", "database", "notification", MessageKind.Event, subject, body, null, At, null)
                )
            )!;

        var stored = Stored("alert", System.Text.Json.JsonSerializer.Serialize(alert));
        Assert.Null(stored.Payload);
        Assert.Equal(new AlertRaised(alert), stored.ReadPayload());
        Assert.Equal(new CycleCompleted("cycle 4: 2 bets"), Stored("cycle-completed", "cycle 4: 2 bets").ReadPayload());
        Assert.IsType<Ping>(Stored("ping", "").ReadPayload());
        Assert.IsType<StatusQuery>(Stored("status", "").ReadPayload());
        Assert.Equal(new Note("limits-review", "please"), Stored("limits-review", "please").ReadPayload());

        // An old alert whose text does not read throws, and the receiving agent dead-letters it.
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Stored("alert", "{\"Key\": \"half an alert").ReadPayload());
        Assert.Throws<ArgumentException>(() => Stored("alert", "null").ReadPayload());
    }

    [Fact]
    public void ATypedBodyTravelsAsItsOwnRecordAndItsTextIsForPeople()
    {
        var serializer = NewSerializer();
        var alert = new Alert("steam-E0", Severity.Warning, AgentNames.MarketIntelligence, "Arsenal v Spurs: home 2.10 → 1.85 in 12 min");
        BusBody body = new AlertRaised(alert);
        var message = new AgentMessage("m2", "a", "b", MessageKind.Event, body.Kind, body.Summary, null, At, null, body);

        var read = serializer.Deserialize<AgentMessage>(serializer.SerializeToArray(message))!;
        Assert.Equal(message, read);
        Assert.IsType<AlertRaised>(read.Payload);
        Assert.Same(read.Payload, read.ReadPayload());
        Assert.Equal("alert", read.Subject);
        Assert.Equal("Warning steam-E0 from market-intelligence: Arsenal v Spurs: home 2.10 → 1.85 in 12 min", read.Body);

        // Kinds are distinct records: equal text of another kind is not the same body.
        Assert.NotEqual<BusBody>(new Note("cycle-completed", "x"), new CycleCompleted("x"));
    }
}

/// <summary>An agent message as it was stored before bodies had types (same field ids, no payload).</summary>
[GenerateSerializer]
[Alias("test.AgentMessageBefore")]
public sealed record MessageBefore(
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

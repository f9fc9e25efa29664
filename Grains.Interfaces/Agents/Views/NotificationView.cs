namespace Orleans.Betting.Agents.Views;

/// <summary>Notification: alerts pending, sent, suppressed as repeats, retrying, dead-lettered, and where they go.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.Notification")]
public sealed record NotificationView(
    [property: Id(0)] int Pending,
    [property: Id(1)] long Sent,
    [property: Id(2)] long Suppressed,
    [property: Id(3)] int Retrying,
    [property: Id(4)] long DeadLettered,
    [property: Id(5)] string Channel
) : AgentMemoryView
{
    public override IReadOnlyList<KeyValuePair<string, string>> Fields() =>
        [
            Field("pending", Pending),
            Field("sent", Sent),
            Field("suppressed", Suppressed),
            Field("retrying", Retrying),
            Field("deadLettered", DeadLettered),
            Field("channel", Channel),
        ];
}

using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Bus;
using Orleans.Betting.Agents.Views;
using Orleans.Betting.Health;
using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Tests.Agents;

/// <summary>
/// One alert the webhook keeps refusing (a poison message) does not block the Notification agent's
/// queue: the alerts behind it go out, it is retried with a growing delay, then dead-lettered (said,
/// counted, kept), and the agent stays Running.
/// </summary>
public sealed class NotificationPoisonTests
{
    [Fact]
    public async Task AnAlertTheWebhookKeepsRefusingIsDeadLetteredAndTheOthersGoOut()
    {
        await using var hook = await WebhookReceiver.StartAsync();
        hook.Refuse("poison");
        using var dir = new TempDirectory("notification-poison");
        await using var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "a.db")),
            "notification-poison",
            1,
            new Dictionary<string, string?>
            {
                ["Betting:Agents:TickSeconds"] = "0.2",
                ["Betting:Notifications:WebhookUrl"] = hook.BaseUrl + "hooks/ops?token=abc",
                ["Betting:Notifications:MaxAttempts"] = "3",
            }
        );
        var agent = cluster.Grains.Agent(AgentNames.Notification);
        var notifier = cluster.Grains.GetGrain<INotificationAgent>(AgentNames.Notification);
        await agent.StartAsync("test");

        await notifier.NotifyAsync(new Alert("poison", Severity.Warning, "test", "a message the webhook refuses"));
        await notifier.NotifyAsync(new Alert("after", Severity.Info, "test", "queued behind it"));

        // The alert behind the poison one goes out at once.
        await Eventually.WaitAsync(() => Task.FromResult(hook.WithKey("after").Count == 1), TimeSpan.FromSeconds(20));
        // The poison one: refused three times (2 s, then 4 s apart), then dead-lettered.
        await Eventually.WaitAsync(
            async () => (await agent.GetStatusAsync()).MemoryAs<NotificationView>().DeadLettered == 1,
            TimeSpan.FromSeconds(30)
        );
        var status = await agent.GetStatusAsync();
        Assert.Equal(AgentState.Running, status.State);
        Assert.Equal((0, 0), (status.MemoryAs<NotificationView>().Pending, status.MemoryAs<NotificationView>().Retrying));
        Assert.Equal(3, hook.RefusedPosts);
        Assert.Empty(hook.WithKey("poison"));

        // The queue still works after it.
        await notifier.NotifyAsync(new Alert("later", Severity.Info, "test", "after the dead letter"));
        await Eventually.WaitAsync(() => Task.FromResult(hook.WithKey("later").Count == 1), TimeSpan.FromSeconds(20));
    }

    /// <summary>
    /// A bus message whose body cannot be used (an alert without a key or a known severity) is dead-lettered by the receiving
    /// agent — acknowledged, so its sender stops resending, kept in the receiver's history as
    /// dead-lettered — and the alert behind it goes out at once.
    /// </summary>
    [Fact]
    public async Task AMalformedAlertOnTheBusIsDeadLetteredAndTheNextGoesOutAtOnce()
    {
        await using var hook = await WebhookReceiver.StartAsync();
        using var dir = new TempDirectory("notification-malformed");
        await using var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "a.db")),
            "notification-malformed",
            1,
            new Dictionary<string, string?>
            {
                ["Betting:Agents:TickSeconds"] = "0.2",
                ["Betting:Notifications:WebhookUrl"] = hook.BaseUrl + "hooks/ops?token=abc",
            }
        );
        var notification = cluster.Grains.Agent(AgentNames.Notification);
        var sender = cluster.Grains.Agent(AgentNames.SelfHealing);
        await notification.StartAsync("test");
        await sender.StartAsync("test");

        var malformed = await sender.SendAsync(AgentNames.Notification, new AlertRaised(new Alert("", (Severity)42, "test", "no key")));
        await sender.SendAsync(
            AgentNames.Notification,
            new AlertRaised(new Alert("after-malformed", Severity.Warning, "test", "line one\nline two"))
        );

        await Eventually.WaitAsync(() => Task.FromResult(hook.WithKey("after-malformed").Count == 1), TimeSpan.FromSeconds(20));
        await Eventually.WaitAsync(async () => await sender.OutboxCountAsync() == 0, TimeSpan.FromSeconds(20));
        Assert.Contains(await notification.GetMessagesAsync(), m => m.Message.Id == malformed && m.Status == "dead-lettered");
        Assert.Equal(AgentState.Running, (await notification.GetStatusAsync()).State);
    }
}

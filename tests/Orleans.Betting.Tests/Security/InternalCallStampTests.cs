using Microsoft.Extensions.Time.Testing;
using Orleans.Betting.Agents;
using Orleans.Betting.Silo.Security;

namespace Orleans.Betting.Tests.Security;

/// <summary>The silos' stamp binds the method, the target grain and the minute: a stamp seen anywhere opens nothing else.</summary>
public sealed class InternalCallStampTests
{
    [Fact]
    public void AStampHoldsForItsMethodAndGrainOnlyAndForAboutAMinute()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 6, 0, 10, TimeSpan.Zero));
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var stamp = new InternalCallStamp(key, clock);
        var decide = typeof(IApprovalQueueGrain).GetMethod(nameof(IApprovalQueueGrain.DecideAsync))!;
        var enqueue = typeof(IApprovalQueueGrain).GetMethod(nameof(IApprovalQueueGrain.EnqueueAsync))!;
        var queue = GrainId.Create("approvalqueue", IApprovalQueueGrain.Key);
        var other = GrainId.Create("approvalqueue", "elsewhere");

        var value = stamp.For(decide, queue);
        Assert.True(stamp.Holds(decide, queue, value));
        Assert.False(stamp.Holds(decide, other, value), "another grain");
        Assert.False(stamp.Holds(enqueue, queue, value), "another method");
        Assert.False(stamp.Holds(decide, queue, null));
        Assert.False(new InternalCallStamp(key.Select(b => (byte)(b + 1)).ToArray(), clock).Holds(decide, queue, value), "another key");

        // Silos' clocks differ a little: the neighbouring minutes still hold, three minutes on it is gone.
        clock.Advance(TimeSpan.FromSeconds(70));
        Assert.True(stamp.Holds(decide, queue, value));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(stamp.Holds(decide, queue, value));
    }
}

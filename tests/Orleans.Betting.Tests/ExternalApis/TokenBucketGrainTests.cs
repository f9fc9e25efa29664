using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Tests.ExternalApis;

[Collection(ClusterCollection.Name)]
public sealed class TokenBucketGrainTests(ClusterFixture fixture)
{
    private ITokenBucketGrain Bucket() => fixture.Grains.GetGrain<ITokenBucketGrain>($"api-{Guid.NewGuid():N}");

    [Fact]
    public async Task NeverGrantsMoreThanTheRateAndBurstAllow()
    {
        var bucket = Bucket();
        await bucket.ConfigureAsync(new TokenBucketSettings(20, 2));
        var clock = Stopwatch.StartNew();
        var times = new ConcurrentBag<double>();
        await Task.WhenAll(
            Enumerable
                .Range(0, 60)
                .Select(async _ =>
                {
                    var grant = await bucket.AcquireAsync(RequestPriority.Normal);
                    Assert.True(grant.Granted);
                    times.Add(clock.Elapsed.TotalSeconds);
                })
        );

        // 60 tokens at 20/s with a burst of 2 take at least (60 − 2)/20 s.
        Assert.True(clock.Elapsed.TotalSeconds >= 2.7, $"60 grants in {clock.Elapsed.TotalSeconds:F2} s");
        var sorted = times.Order().ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            var inWindow = sorted.Skip(i).TakeWhile(t => t - sorted[i] < 1.0).Count();
            Assert.True(inWindow <= 20 + 2 + 1, $"{inWindow} grants within one second");
        }

        Assert.Equal(60, (await bucket.GetStateAsync()).Granted);
    }

    [Fact]
    public async Task HigherPrioritiesAreServedFirstAndFifoWithinAClass()
    {
        var bucket = Bucket();
        await bucket.ConfigureAsync(new TokenBucketSettings(2.5, 1)); // a token every 400 ms: slack for a loaded machine
        Assert.True((await bucket.AcquireAsync(RequestPriority.Normal)).Granted); // drain the burst

        var order = new ConcurrentQueue<string>();
        async Task Ask(RequestPriority p, int i)
        {
            await bucket.AcquireAsync(p);
            order.Enqueue($"{p}{i}");
        }

        var background = new List<Task>();
        for (var i = 0; i < 4; i++)
        {
            background.Add(Ask(RequestPriority.Background, i));
            await Task.Delay(15); // keep their arrival order
        }

        await Task.Delay(30);
        var waiting = await bucket.GetStateAsync();
        Assert.True(waiting.Waiting[RequestPriority.Background] >= 3);
        var critical = new List<Task>();
        for (var i = 0; i < 3; i++)
        {
            critical.Add(Ask(RequestPriority.Critical, i));
            await Task.Delay(15); // keep their arrival order
        }

        await Task.WhenAll(background.Concat(critical));
        var served = order.ToArray();
        // At most one Background got the token that freed up before the Criticals arrived.
        var firstCritical = Array.FindIndex(served, s => s.StartsWith("Critical", StringComparison.Ordinal));
        Assert.InRange(firstCritical, 0, 1);
        Assert.Equal(["Critical0", "Critical1", "Critical2"], served.Skip(firstCritical).Take(3));
        Assert.Equal(
            served.Where(s => s.StartsWith("Background", StringComparison.Ordinal)).Order(),
            served.Where(s => s.StartsWith("Background", StringComparison.Ordinal))
        );
    }

    [Fact]
    public async Task PausedWhileTheCircuitIsOpenAndQuotaIsKeptForCritical()
    {
        var bucket = Bucket();
        await bucket.ConfigureAsync(new TokenBucketSettings(50, 5, QuotaReserveForCritical: 10));
        await bucket.PauseAsync(DateTime.UtcNow.AddMilliseconds(700), "circuit open");
        var state = await bucket.GetStateAsync();
        Assert.True(state.Paused);
        Assert.Equal("circuit open", state.PauseReason);
        var clock = Stopwatch.StartNew();
        Assert.True((await bucket.AcquireAsync(RequestPriority.Critical)).Granted);
        Assert.True(clock.ElapsedMilliseconds >= 500, $"granted after {clock.ElapsedMilliseconds} ms while paused");

        await bucket.ReportQuotaAsync(remaining: 8, used: 492);
        var refused = await bucket.AcquireAsync(RequestPriority.Normal);
        Assert.False(refused.Granted);
        Assert.Contains("reserved for Critical", refused.Refusal);
        Assert.True((await bucket.AcquireAsync(RequestPriority.Critical)).Granted);
        Assert.Equal((8L, 492L), ((await bucket.GetStateAsync()).QuotaRemaining!.Value, (await bucket.GetStateAsync()).QuotaUsed!.Value));
    }

    [Fact]
    public async Task ACancelledWaiterGivesUpWithoutTakingAToken()
    {
        var bucket = Bucket();
        await bucket.ConfigureAsync(new TokenBucketSettings(2, 1));
        Assert.True((await bucket.AcquireAsync(RequestPriority.Normal)).Granted);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        // Orleans carries the caller's cancellation into the grain and back as a cancelled call.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bucket.AcquireAsync(RequestPriority.Normal, cts.Token));
        await Task.Delay(600); // the next token arrives; nobody may take it for the cancelled waiter
        var state = await bucket.GetStateAsync();
        Assert.Equal(1, state.Granted);
        Assert.Equal(0, state.Waiting[RequestPriority.Normal]);
    }
}

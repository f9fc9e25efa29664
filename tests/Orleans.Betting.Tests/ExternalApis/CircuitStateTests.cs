using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Tests.ExternalApis;

/// <summary>
/// Each silo has its own breaker; the usage grain keeps one typed state per silo. The health monitor
/// once read the circuit from prose ("HalfOpen on s1; Open on s2") and took it for not open.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CircuitStateTests(ClusterFixture fixture)
{
    private IApiUsageGrain Usage() => fixture.Grains.GetGrain<IApiUsageGrain>($"api-{Guid.NewGuid():N}");

    /// <summary>Circuit changes are one-way messages: wait until the grain has seen them all.</summary>
    private static async Task<ApiUsage> SeenAsync(IApiUsageGrain usage, Func<ApiUsage, bool> settled)
    {
        await Eventually.WaitAsync(
            async () => settled(await usage.GetUsageAsync()),
            TimeSpan.FromSeconds(30),
            async () => (await usage.GetUsageAsync()).CircuitSummary
        );
        return await usage.GetUsageAsync();
    }

    [Fact]
    public async Task OneSiloHalfOpenAndAnotherOpenIsOpen()
    {
        var usage = Usage();
        var until = DateTime.UtcNow.AddMinutes(5);
        await usage.RecordCircuitAsync("s1", CircuitState.Open, DateTime.UtcNow.AddMinutes(-1));
        await usage.RecordCircuitAsync("s1", CircuitState.HalfOpen, null);
        await usage.RecordCircuitAsync("s2", CircuitState.Open, until);

        var seen = await SeenAsync(
            usage,
            u => u.CircuitOpenings == 2 && u.Circuits.Count == 2 && u.Circuits[0].State == CircuitState.HalfOpen
        );

        Assert.True(seen.OpenOnAnySilo, seen.CircuitSummary);
        Assert.False(seen.AllCircuitsClosed);
        Assert.Equal([("s1", CircuitState.HalfOpen), ("s2", CircuitState.Open)], seen.Circuits.Select(c => (c.Silo, c.State)));
        Assert.Equal(until, seen.Circuits[1].UntilUtc);
        Assert.StartsWith("HalfOpen on s1; Open on s2 until ", seen.CircuitSummary, StringComparison.Ordinal);
        Assert.Equal(2, seen.CircuitOpenings);
    }

    [Fact]
    public async Task AnOpenCircuitWhoseBreakIsOverIsHalfOpenAndClosingEveryBreakerClosesIt()
    {
        var usage = Usage();
        await usage.RecordCircuitAsync("s1", CircuitState.Open, DateTime.UtcNow.AddSeconds(-1));
        await usage.RecordCircuitAsync("s2", CircuitState.HalfOpen, null);

        var halfOpen = await SeenAsync(usage, u => u.Circuits.Count == 2);
        Assert.False(halfOpen.OpenOnAnySilo, halfOpen.CircuitSummary);
        Assert.All(halfOpen.Circuits, c => Assert.Equal(CircuitState.HalfOpen, c.State));

        await usage.RecordCircuitAsync("s1", CircuitState.Closed, null);
        Assert.True((await SeenAsync(usage, u => u.Circuits.Count == 1)).Circuits is [{ Silo: "s2", State: CircuitState.HalfOpen }]);
        await usage.RecordCircuitAsync("s2", CircuitState.Closed, null);

        var closed = await SeenAsync(usage, u => u.Circuits.Count == 0);
        Assert.True(closed.AllCircuitsClosed);
        Assert.Equal("Closed", closed.CircuitSummary);
    }
}

using Orleans.Betting.Cluster;

namespace Orleans.Betting.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class ClusterJournalGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task KeepsTheTotalForeverAndOnlyTheMostRecentStartsInFull()
    {
        var journal = fixture.Grains.GetGrain<IClusterJournalGrain>($"journal-{Guid.NewGuid():N}");
        var first = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var starts = ClusterJournalGrain.RecentCapacity + 7;
        for (var i = 0; i < starts; i++)
        {
            await journal.RecordSiloStartAsync(
                new SiloStart($"S127.0.0.1:{11111 + i}:1", $"silo-{i}", "host", "Embedded", "sqlite", first.AddMinutes(i))
            );
        }

        var result = await journal.GetAsync();
        Assert.Equal(starts, result.TotalStarts);
        Assert.Equal(first, result.FirstStartUtc);
        Assert.Equal(ClusterJournalGrain.RecentCapacity, result.RecentStarts.Count);
        Assert.Equal($"silo-{starts - 1}", result.RecentStarts[^1].SiloName);
        Assert.Equal("silo-7", result.RecentStarts[0].SiloName);
    }

    [Fact]
    public async Task SurvivesDeactivation()
    {
        var key = $"journal-{Guid.NewGuid():N}";
        var journal = fixture.Grains.GetGrain<IClusterJournalGrain>(key);
        await journal.RecordSiloStartAsync(new SiloStart("S127.0.0.1:11111:1", "a", "h", "Cluster", "pg", DateTime.UtcNow));

        await fixture.Cluster.DeactivateAsync((GrainReference)journal);
        await fixture.Cluster.WaitForDeactivationAsync((GrainReference)journal);

        Assert.Equal(1, (await fixture.Grains.GetGrain<IClusterJournalGrain>(key).GetAsync()).TotalStarts);
    }
}

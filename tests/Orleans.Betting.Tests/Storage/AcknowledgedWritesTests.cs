using Microsoft.Data.Sqlite;
using Orleans.Betting.Agents;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Tests.Storage;

/// <summary>
/// Acknowledged means persisted: when a grain's write fails (here: another process holds the SQLite
/// file's write lock past the command timeout), the caller gets the error, and a retry once the
/// database is back does the work again and stores it, instead of answering "already placed" for
/// a change that only ever lived in memory. What a restarted silo reads is what callers were told.
/// </summary>
public sealed class AcknowledgedWritesTests
{
    private static readonly DateTime Kickoff = new(2031, 5, 10, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task AFailedWriteIsNotAcknowledgedAndTheRetryStoresIt()
    {
        using var dir = new TempDirectory("acknowledged");
        var path = Path.Combine(dir.Path, "a.db");
        // A short busy timeout: a write meeting the outside lock fails in a second instead of thirty.
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 1,
        }.ToString();
        var database = new DatabaseTarget(DatabaseEngine.Sqlite, connection, path, "test");
        const string serviceId = "acknowledged";

        PaperBet Bet(string home) =>
            new(
                $"ack:{home}",
                $"X/2030-2031/{home}",
                "X",
                "2030-2031",
                Kickoff,
                $"{home} v Away",
                Selection.Parse("home"),
                2.1,
                PriceSource.Bet365,
                10,
                Kickoff.AddDays(-1),
                1
            );

        await using (var cluster = await StorageCluster.StartAsync(database, serviceId))
        {
            var ledger = cluster.Grains.GetGrain<ILedgerGrain>("acknowledged");
            var approvals = cluster.Grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key);
            Assert.Equal(1, (await ledger.PlaceAsync([Bet("First")])).Placed);

            await using (var holder = new SqliteConnection(connection))
            {
                await holder.OpenAsync();
                await using (var begin = holder.CreateCommand())
                {
                    begin.CommandText = "BEGIN IMMEDIATE;"; // the file's one write lock, held from outside
                    await begin.ExecuteNonQueryAsync();
                }

                await Assert.ThrowsAnyAsync<Exception>(() => ledger.PlaceAsync([Bet("Second")]));
                await Assert.ThrowsAnyAsync<Exception>(() => approvals.EnqueueAsync(Approval("strategy-a")));
                // Nothing unwritten is shown as done.
                Assert.Equal(["ack:First"], (await ledger.GetBetsAsync()).Select(b => b.Id));
                Assert.DoesNotContain(await approvals.ListAsync(), i => i.Subject == "strategy-a");

                await using var rollback = holder.CreateCommand();
                rollback.CommandText = "ROLLBACK;";
                await rollback.ExecuteNonQueryAsync();
            }

            // The retry places it (not "already placed") and stores it.
            var retried = await ledger.PlaceAsync([Bet("Second")]);
            Assert.Equal((1, 0), (retried.Placed, retried.AlreadyPlaced));
            await approvals.EnqueueAsync(Approval("strategy-a"));
        }

        await using var restarted = await StorageCluster.StartAsync(database, serviceId);
        var stored = await restarted.Grains.GetGrain<ILedgerGrain>("acknowledged").GetBetsAsync();
        Assert.Equal(["ack:First", "ack:Second"], stored.Select(b => b.Id).Order());
        Assert.Contains(
            await restarted.Grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key).ListAsync(),
            i => i.Subject == "strategy-a"
        );
    }

    private static ApprovalItem Approval(string subject) => new(subject, "elo:k=20", [], 1, DateTime.UtcNow);
}

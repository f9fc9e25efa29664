using Microsoft.Data.Sqlite;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Silo.Storage;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Storage;

/// <summary>
/// Records stay bounded however long the system runs (issue 17's soak goal): a league-season is
/// stored as parts under 256 KB with its record an index, and a match added at the end rewrites
/// only the last part; settled bets leave the ledger's record in sealed pages with running totals,
/// and every figure equals a recomputation from the bets. Checked on the rows SQLite holds.
/// </summary>
[Collection(MachineWideCollection.Name)]
[Trait(Tier.Name, Tier.System)]
public sealed class BoundedRecordsTests(ITestOutputHelper output)
{
    private const int Limit = 256 * 1024;

    private static byte[] SharedFile(string league, string season) =>
        File.ReadAllBytes(Path.Combine(RepoPaths.SharedData, "data", "football-data", league, $"{season}.csv"));

    [Fact]
    public async Task ASeasonIsStoredInPartsUnder256KbAndAMatchAddedAtTheEndRewritesOnlyTheLastPart()
    {
        using var dir = new TempDirectory("bounded-season");
        var database = DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "b.db"));
        const string service = "bounded-season";
        const string key = "E0/2019-2020";
        string[] ids;
        await using (var cluster = await StorageCluster.StartAsync(database, service))
        {
            var import = await cluster
                .Grains.GetGrain<IMarketImportGrain>(0)
                .ImportCsvAsync("2019-2020.csv", SharedFile("E0", "2019-2020"));
            Assert.Equal(380, import.RowsImported);
            var rows = await RowsAsync(database, service);
            var parts = rows.Where(r => r.Key.StartsWith(key + "#", StringComparison.Ordinal)).ToList();
            var index = rows.Single(r => r.Key == key);
            output.WriteLine(
                $"{key}: index {index.Bytes} B; {parts.Count} parts of {string.Join(", ", parts.Select(p => $"{p.Bytes / 1024} KB"))} ({parts.Sum(p => p.Bytes) / 1024} KB in all)"
            );
            Assert.True(parts.Count >= 3, $"{parts.Count} parts");
            Assert.All(parts, p => Assert.True(p.Bytes <= Limit, $"{p.Key}: {p.Bytes} B"));
            Assert.True(index.Bytes < 4096, $"index {index.Bytes} B");

            // The same file again changes nothing: no row is written.
            await cluster.Grains.GetGrain<IMarketImportGrain>(0).ImportCsvAsync("2019-2020.csv", SharedFile("E0", "2019-2020"));
            Assert.Equal(rows, await RowsAsync(database, service));

            // A match after the last (as the live market publishes them): only the last part is rewritten.
            var season = cluster.Grains.GetGrain<ILeagueSeasonGrain>(key);
            var last = (await season.GetAsync()).Matches[^1];
            var extra = last with { Id = $"{last.Id}-replayed", KickoffUtc = last.KickoffUtc.AddDays(3) };
            var upsert = await season.UpsertAsync(new SeasonData("E0", "2019-2020", [extra], "football-data"));
            Assert.Equal((1, 381), (upsert.Added, upsert.Total));
            var after = (await RowsAsync(database, service)).Where(r => r.Key.StartsWith(key + "#", StringComparison.Ordinal)).ToList();
            var untouched = parts.Take(parts.Count - 1).ToList();
            Assert.All(untouched, p => Assert.Contains(p, after)); // same key, same version: not rewritten
            var written = Assert.Single(after.Except(parts));
            output.WriteLine($"a match added at the end wrote {written.Key} ({written.Bytes / 1024} KB) and nothing else");
            ids = (await season.GetAsync()).Matches.Select(m => m.Id).ToArray();
            Assert.Equal(extra.Id, ids[^1]);

            // The next change clears the part the index no longer names.
            var another = extra with
            {
                Id = $"{last.Id}-again",
                KickoffUtc = extra.KickoffUtc.AddDays(1),
            };
            await season.UpsertAsync(new SeasonData("E0", "2019-2020", [another], "football-data"));
            var now = (await RowsAsync(database, service)).Where(r => r.Key.StartsWith(key + "#", StringComparison.Ordinal)).ToList();
            Assert.DoesNotContain(parts[^1].Key, now.Select(r => r.Key));
            ids = [.. ids, another.Id];
        }

        // A restarted cluster reads the season back whole, in order, from its parts.
        await using (var cluster = await StorageCluster.StartAsync(database, service))
        {
            var data = await cluster.Grains.GetGrain<ILeagueSeasonGrain>(key).GetAsync();
            Assert.Equal(ids, data.Matches.Select(m => m.Id));
            Assert.Equal(382, (await cluster.Grains.GetGrain<ILeagueSeasonGrain>(key).SummaryAsync()).Matches);
        }
    }

    [Fact]
    public async Task SettledBetsLeaveTheLedgerRecordInSealedPagesAndEveryFigureEqualsARecomputation()
    {
        using var dir = new TempDirectory("bounded-ledger");
        var path = Path.Combine(dir.Path, "l.db");
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 1, // a write meeting the outside lock below fails in a second
        }.ToString();
        var database = new DatabaseTarget(DatabaseEngine.Sqlite, connection, path, "test");
        const string service = "bounded-ledger";
        const string name = "paged";
        LedgerReport report;
        string[] ids;
        await using (var cluster = await StorageCluster.StartAsync(database, service))
        {
            var importer = cluster.Grains.GetGrain<IMarketImportGrain>(0);
            await importer.ImportCsvAsync("2016-2017.csv", SharedFile("F1", "2016-2017"));
            await importer.ImportCsvAsync("2017-2018.csv", SharedFile("F1", "2017-2018"));
            var matches = (await cluster.Grains.GetGrain<ILeagueSeasonGrain>("F1/2016-2017").GetAsync())
                .Matches.Concat((await cluster.Grains.GetGrain<ILeagueSeasonGrain>("F1/2017-2018").GetAsync()).Matches)
                .Take(600)
                .ToList();
            string[] outcomes = ["home", "draw", "away"];
            var bets = matches
                .Select(
                    (m, i) =>
                        new PaperBet(
                            $"paged:{m.Id}",
                            m.Id,
                            m.League,
                            m.Season,
                            m.KickoffUtc,
                            $"{m.HomeTeam} v {m.AwayTeam}",
                            Selection.Parse(outcomes[i % 3]),
                            2.0 + (i % 7) * 0.35,
                            PriceSource.Bet365,
                            0.5 + (i % 3) * 0.5,
                            m.KickoffUtc.AddHours(-2),
                            1
                        )
                )
                .ToList();
            var ledger = cluster.Grains.GetGrain<ILedgerGrain>(name);
            Assert.Equal(600, (await ledger.PlaceAsync(bets)).Placed);
            var clock = matches[^1].KickoffUtc.AddDays(1);

            // Settling while the database refuses writes: an error, and nothing shown settled.
            await using (var holder = new SqliteConnection(connection))
            {
                await holder.OpenAsync();
                await ExecuteAsync(holder, "BEGIN IMMEDIATE;");
                await Assert.ThrowsAnyAsync<Exception>(() => ledger.SettleAsync(clock));
                Assert.All(await ledger.GetBetsAsync(), b => Assert.Equal(BetStatus.Open, b.Status));
                Assert.Equal(0, (await ledger.GetReportAsync()).Settled);
                await ExecuteAsync(holder, "ROLLBACK;");
            }

            var settled = await ledger.SettleAsync(clock);
            Assert.Equal((600, 0), (settled.Settled, settled.StillOpen));
            Assert.Equal(0, (await ledger.SettleAsync(clock)).Settled); // exactly once

            var rows = await RowsAsync(database, service);
            var pages = rows.Where(r => r.Key.StartsWith(name + "/", StringComparison.Ordinal)).OrderBy(r => r.Key).ToList();
            var record = rows.Single(r => r.Key == name);
            output.WriteLine(
                $"ledger record {record.Bytes / 1024.0:F1} KB; pages {string.Join(", ", pages.Select(p => $"{p.Key} {p.Bytes / 1024.0:F1} KB"))}"
            );
            Assert.Equal([$"{name}/0", $"{name}/1"], pages.Select(p => p.Key)); // 2 × 256 sealed, 88 kept
            Assert.All(pages, p => Assert.True(p.Bytes <= Limit, $"{p.Key}: {p.Bytes} B"));
            Assert.True(record.Bytes < pages[0].Bytes / 2, $"record {record.Bytes} B");

            // A retried placement of a sealed bet is recognised, not placed again.
            var again = await ledger.PlaceAsync([bets[3]]);
            Assert.Equal((0, 1), (again.Placed, again.AlreadyPlaced));

            report = await ledger.GetReportAsync();
            var all = await ledger.GetBetsAsync();
            ids = all.Select(b => b.Id).ToArray();
            Assert.Equal(600, all.Count);
            Assert.Equal(600, ids.Distinct().Count());
            var staked = all.Sum(b => b.Stake);
            var profit = all.Sum(b => b.Profit);
            var clv = all.Select(b => b.Clv).OfType<double>().ToList();
            Assert.Equal((600, 0, 600), (report.Bets, report.Open, report.Settled));
            Assert.Equal(staked, report.Staked, 9);
            Assert.Equal(profit, report.Profit, 9);
            Assert.Equal(PaperLedgerGrain.DefaultBankroll + profit, report.Bankroll, 9);
            Assert.Equal(profit / staked, report.Roi, 12);
            if (clv.Count > 0)
            {
                Assert.Equal(clv.Average(), report.MeanClv!.Value, 9);
            }
            else
            {
                Assert.Null(report.MeanClv);
            }

            Assert.Equal(601, report.Equity.Count); // the start and one point per settled bet
            Assert.Equal(Drawdown.MaxShare(PaperLedgerGrain.DefaultBankroll, report.Equity), report.MaxDrawdownShare, 12);
            Assert.Equal(report.Bankroll, report.Equity[^1].Bankroll, 9);
            Assert.Equal(profit, report.ProfitBySource["Bet365"], 9);
        }

        // A restarted cluster reports the same from the record and its pages.
        await using (var cluster = await StorageCluster.StartAsync(database, service))
        {
            var ledger = cluster.Grains.GetGrain<ILedgerGrain>(name);
            var restarted = await ledger.GetReportAsync();
            Assert.Equal(
                (report.Bets, report.Settled, report.Staked, report.Profit, report.Bankroll, report.MaxDrawdownShare, report.Equity.Count),
                (
                    restarted.Bets,
                    restarted.Settled,
                    restarted.Staked,
                    restarted.Profit,
                    restarted.Bankroll,
                    restarted.MaxDrawdownShare,
                    restarted.Equity.Count
                )
            );
            Assert.Equal(ids, (await ledger.GetBetsAsync()).Select(b => b.Id));
        }
    }

    private sealed record Row(string Key, long Bytes, long Version);

    private static async Task<List<Row>> RowsAsync(DatabaseTarget database, string service)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText =
            "SELECT GrainIdExtensionString, length(PayloadBinary), Version FROM OrleansStorage WHERE ServiceId = @s AND GrainIdExtensionString IS NOT NULL AND PayloadBinary IS NOT NULL ORDER BY GrainIdExtensionString";
        cmd.Parameters.AddWithValue("@s", service);
        var rows = new List<Row>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return rows;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}

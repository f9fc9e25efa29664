using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Orleans.Betting.Silo.Storage;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Tests.Storage;

/// <summary>
/// Renaming a type must not break stored rows: every wire and persisted type carries an
/// <c>[Alias]</c>, so what is written now names types by alias, not by their .NET names. Rows
/// written before the aliases (a swarm run and a strategy as the embedded silo stored them, whose
/// payloads name <c>ValidatorVerdict</c>, <c>CandidateResult</c> and <c>EquityPoint</c> by their
/// full names; <c>Fixtures/rows-before-aliases.json</c>) still read, through the real grains, with
/// the figures they were read with before the change.
/// </summary>
public sealed class StoredRowsBeforeAliasesTests
{
    private const string ServiceId = "stored-rows";
    private const string StrategyId = "consensus-value-08a7af343715";
    private const string RunId = "agents-c1";

    [Fact]
    public async Task RowsWrittenBeforeTheAliasesReadAndNewWritesNameTypesByAlias()
    {
        using var dir = new TempDirectory("stored-rows");
        var path = Path.Combine(dir.Path, "betting.db");
        var connection = $"Data Source={path};Pooling=true";
        var database = new DatabaseTarget(DatabaseEngine.Sqlite, connection, path, "test");
        await SchemaMigrator.ApplyAsync(database);
        var payloads = await InsertFixtureRowsAsync(connection);
        Assert.Contains("Orleans.Betting.Swarms.ValidatorVerdict", payloads[RunId], StringComparison.Ordinal);
        Assert.Contains("Orleans.Betting.Strategies.EquityPoint", payloads[StrategyId], StringComparison.Ordinal);

        await using (var cluster = await StorageCluster.StartAsync(database, ServiceId))
        {
            // The figures these rows were read with before the change (f3d93f8).
            var strategy = cluster.Grains.GetGrain<IStrategyGrain>(StrategyId);
            var info = await strategy.GetAsync();
            Assert.Equal("consensus-value:alpha=0.08,phase=opening", info.Spec!.Text);
            Assert.Equal(StrategyLifecycle.Validated, info.Lifecycle);
            Assert.Equal((2, 1, 4), (info.History.Count, info.Reports.Count, info.Verdicts!.Count));
            Assert.Equal(340, info.Reports[0].Equity.Count);
            Assert.Equal(1300.2100000000005, info.Reports[0].Equity[^1].Bankroll);

            var run = await cluster.Grains.GetGrain<ISwarmRunGrain>(RunId).GetStatusAsync();
            Assert.Equal(SwarmPhase.Completed, run.Phase);
            Assert.Equal(
                (12, 12, 48, 12),
                (
                    run.Validation.Count,
                    run.Generation!.Selected.Count,
                    run.Validation.Sum(v => v.Verdicts.Count),
                    run.Validation.Count(v => v.Approved)
                )
            );
            Assert.Equal("consensus-value:alpha=0.08,phase=opening", run.Validation[0].Spec.Text);
            Assert.Equal(["walk-forward", "holdout", "stress", "deflated-sharpe"], run.Validation[0].Verdicts.Select(v => v.Validator));

            // A write now names our types by alias: the strategy's stored row no longer carries the .NET name.
            await strategy.SetConsensusWeightAsync(0.5, "test");
        }

        var rewritten = await ReadPayloadTextAsync(connection, StrategyId);
        Assert.DoesNotContain("Orleans.Betting.Strategies.EquityPoint", rewritten, StringComparison.Ordinal);
        Assert.Contains("betting.EquityPoint", rewritten, StringComparison.Ordinal);
    }

    /// <summary>Inserts the fixture's rows under this test's service id; returns each payload as text (for its type names).</summary>
    private static async Task<Dictionary<string, string>> InsertFixtureRowsAsync(string connection)
    {
        var file = Path.Combine(RepoPaths.Root, "tests", "Orleans.Betting.Tests", "Storage", "Fixtures", "rows-before-aliases.json");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var db = new SqliteConnection(connection);
        await db.OpenAsync();
        foreach (var row in json.RootElement.GetProperty("rows").EnumerateArray())
        {
            using var packed = new MemoryStream(Convert.FromBase64String(row.GetProperty("payloadGzipBase64").GetString()!));
            using var gzip = new GZipStream(packed, CompressionMode.Decompress);
            using var payload = new MemoryStream();
            await gzip.CopyToAsync(payload);
            await using var insert = db.CreateCommand();
            insert.CommandText = """
                INSERT INTO OrleansStorage (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, KeyExtension, GrainIdExtensionString,
                                            GrainIdHash, GrainTypeHash, PayloadBinary, Version, ModifiedUtc)
                VALUES ($service, $type, $n0, $n1, $ext, $id, $idHash, $typeHash, $payload, $version, $modified)
                """;
            insert.Parameters.AddWithValue("$service", ServiceId);
            insert.Parameters.AddWithValue("$type", row.GetProperty("grainType").GetString());
            insert.Parameters.AddWithValue("$n0", row.GetProperty("grainIdN0").GetInt64());
            insert.Parameters.AddWithValue("$n1", row.GetProperty("grainIdN1").GetInt64());
            insert.Parameters.AddWithValue("$ext", row.GetProperty("keyExtension").GetString());
            insert.Parameters.AddWithValue("$id", row.GetProperty("grainIdExtension").GetString());
            insert.Parameters.AddWithValue("$idHash", row.GetProperty("grainIdHash").GetInt64());
            insert.Parameters.AddWithValue("$typeHash", row.GetProperty("grainTypeHash").GetInt64());
            insert.Parameters.AddWithValue("$payload", payload.ToArray());
            insert.Parameters.AddWithValue("$version", row.GetProperty("version").GetInt64());
            insert.Parameters.AddWithValue("$modified", "2026-12-07 11:10:40.951");
            await insert.ExecuteNonQueryAsync();
            texts[row.GetProperty("grainIdExtension").GetString()!] = Encoding.Latin1.GetString(payload.ToArray());
        }

        return texts;
    }

    private static async Task<string> ReadPayloadTextAsync(string connection, string grainId)
    {
        await using var db = new SqliteConnection(connection);
        await db.OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT PayloadBinary FROM OrleansStorage WHERE ServiceId = $service AND GrainIdExtensionString = $id";
        read.Parameters.AddWithValue("$service", ServiceId);
        read.Parameters.AddWithValue("$id", grainId);
        return Encoding.Latin1.GetString((byte[])(await read.ExecuteScalarAsync())!);
    }
}

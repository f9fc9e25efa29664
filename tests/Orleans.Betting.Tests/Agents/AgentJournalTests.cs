using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Views;
using Orleans.Betting.Silo.Storage;
using Orleans.Betting.Storage;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Agents;

/// <summary>
/// Decisions live in the agent's journal, not its record: a thousand decisions leave the record a
/// few kilobytes, every decision is read back once in order by cursor (across pages, a restart and
/// retention), old pages are forgotten with their rows, and the Logging agent follows the journals
/// without copying them.
/// </summary>
public sealed class AgentJournalTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DecisionsGoToPagedJournalsReadByCursorAndTheRecordStaysSmall()
    {
        using var dir = new TempDirectory("agents-journal");
        var database = DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "a.db"));
        var settings = new Dictionary<string, string?> { ["Betting:Agents:TickSeconds"] = "0.2", ["Betting:Agents:JournalPages"] = "3" };
        const int made = 1000; // four pages of 256: the first falls to retention (three kept)
        await using (var cluster = await StorageCluster.StartAsync(database, "agents-journal", 1, settings))
        {
            var analyst = cluster.Grains.Agent(AgentNames.StrategyAnalyst);
            await analyst.StartAsync("test");
            // Chaos is for drills: a silo without the simulator refuses it, even called on the agent directly.
            var chaos = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                analyst.InjectFaultAsync(TimeSpan.FromDays(3650), "ten years")
            );
            Assert.Contains("refused", chaos.Message);
            for (var i = 0; i < made; i++)
            {
                Assert.False((await analyst.InvokeToolAsync($"no-such-tool-{i}")).Allowed); // each refusal is a decision
            }

            // Flushed at the next ticks: the record carries none of them.
            await Eventually.WaitAsync(
                async () => (await analyst.GetDecisionsSinceAsync(made - 1, 10)).Count == 1,
                TimeSpan.FromSeconds(20)
            );
            await Eventually.WaitAsync(
                async () => (await analyst.GetStatusAsync()).RecordBytes is > 0 and < 16 * 1024,
                TimeSpan.FromSeconds(20)
            );
            var status = await analyst.GetStatusAsync();
            output.WriteLine($"{made} decisions made; the analyst's record is {status.RecordBytes:N0} bytes");

            var logging = cluster.Grains.GetGrain<ILoggingAgent>(AgentNames.Logging);
            await logging.StartAsync("test");
            await Eventually.WaitAsync(
                async () => (await logging.GetStatusAsync()).MemoryAs<LoggingView>().Entries >= made - 256,
                TimeSpan.FromSeconds(20),
                async () =>
                {
                    var st = await logging.GetStatusAsync();
                    return $"{st.State} {st.LastError} {string.Join(", ", st.Memory.Select(m => $"{m.Key}={m.Value}"))}";
                }
            );
            var refusals = await logging.QueryAsync(AgentNames.StrategyAnalyst, DecisionKind.Refused, 5000);
            Assert.Equal(made - 256, refusals.Count); // the pages kept: numbers 257 to 1000
            Assert.Equal($"no-such-tool-{made - 1}", refusals[^1].Decision.Choice);
            Assert.True((await logging.GetStatusAsync()).RecordBytes < 16 * 1024);
        }

        // After a restart: read by cursor from the start, the kept numbers come once each, in order, without gaps.
        await using (var cluster = await StorageCluster.StartAsync(database, "agents-journal", 1, settings))
        {
            var analyst = cluster.Grains.Agent(AgentNames.StrategyAnalyst);
            var seen = new List<AuditEntry>();
            var cursor = 0L;
            while (true)
            {
                var batch = await analyst.GetDecisionsSinceAsync(cursor, 100);
                if (batch.Count == 0)
                {
                    break;
                }

                seen.AddRange(batch);
                cursor = batch[^1].Sequence;
            }

            var firstKept = 256 + 1;
            Assert.Equal(Enumerable.Range(firstKept, made - firstKept + 1).Select(i => (long)i), seen.Select(e => e.Sequence));
            Assert.Equal(seen.Select((e, i) => $"no-such-tool-{firstKept - 1 + i}"), seen.Select(e => e.Decision.Choice));
            var newest = await analyst.GetDecisionsAsync(300);
            Assert.Equal(300, newest.Count);
            Assert.Equal($"no-such-tool-{made - 1}", newest[^1].Choice);
            Assert.Equal($"no-such-tool-{made - 300}", newest[0].Choice);

            // The forgotten page's row is gone from the database.
            var report = await cluster.Grains.GetGrain<IStorageReportGrain>(0).GetAsync();
            var journalRows = report.GrainTypes.Where(t => t.Type.Contains("journal", StringComparison.OrdinalIgnoreCase)).Sum(t => t.Rows);
            output.WriteLine(
                $"journal rows kept: {journalRows}; largest records: {string.Join(", ", report.Largest.Take(3).Select(l => $"{l.Type} {l.Key} {l.Bytes:N0} B"))}"
            );
            Assert.Equal(3, journalRows);
        }
    }
}

using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Agents;

/// <summary>
/// A real embedded silo running the agents is SIGKILLed mid-replay and restarted with neither the
/// main job nor the start-up start of the agents: only their reminders can bring them back. The
/// resumed replay must end with exactly the ledger of an uninterrupted run (same seed): no settled
/// bet lost, none placed twice.
/// </summary>
[Trait(Tier.Name, Tier.System)]
public sealed class AgentsCrashTests(ITestOutputHelper output)
{
    private static readonly string[] Market =
    [
        "--Betting:Market:Seasons=2015-2016..2019-2020",
        "--Betting:Agents:LearningSeasons=4",
        "--Betting:Agents:WindowDays=28",
        "--Betting:Agents:TickSeconds=0.2",
        "--Betting:Agents:SearchShare=1000",
        "--Betting:Agents:MaxCandidates=40",
        "--Betting:Agents:MaxDeployed=2",
        $"--Betting:Clock:Speed={86400 * 14}",
    ];

    [Fact]
    public async Task KilledMidReplayTheAgentsComeBackByReminderAndEndWithTheUninterruptedLedger()
    {
        // The reference: the same replay, uninterrupted.
        using var referenceDir = new TempDirectory("agents-ref");
        string reference;
        await using (var silo = SiloProcess.Start(referenceDir.Path, extraArgs: ["--Betting:MainJob:Enabled=true", .. Market]))
        {
            await silo.WaitReadyAsync();
            await WaitForOutputAsync(silo, "[agents] paper ledger:", TimeSpan.FromMinutes(3));
            reference = await LedgerAsync(silo);
            Assert.Equal(0, await silo.StopAsync());
        }

        using var dir = new TempDirectory("agents-crash");
        await using (var first = SiloProcess.Start(dir.Path, extraArgs: ["--Betting:MainJob:Enabled=true", .. Market]))
        {
            await first.WaitReadyAsync();
            // Mid-replay: some cycles done (the follower prints changes once a second, so any of them), not the end.
            var until = DateTime.UtcNow.AddMinutes(2);
            while (
                !System
                    .Text.RegularExpressions.Regex.Matches(first.Output, @"\[agents\] cycle (\d+) ")
                    .Any(m => int.Parse(m.Groups[1].Value) >= 3)
            )
            {
                Assert.True(DateTime.UtcNow < until, $"no third cycle within 2 min:\n{first.Output}");
                await Task.Delay(200);
            }

            first.Kill(); // SIGKILL: no graceful shutdown
            Assert.DoesNotContain("[agents] paper ledger:", first.Output);
            output.WriteLine(string.Join('\n', first.Output.Split('\n').Where(l => l.StartsWith("[agents]", StringComparison.Ordinal))));
        }

        await using var second = SiloProcess.Start(
            dir.Path,
            extraArgs: ["--Betting:MainJob:Enabled=false", "--Betting:Agents:Enabled=false", .. Market]
        );
        await second.WaitReadyAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string resumed;
        while (true)
        {
            // Only the ledger is read (reading an agent would activate it and prove nothing about reminders).
            var report = await ClientProcess.RunJsonAsync(second, "report", "--json");
            resumed = await LedgerAsync(second);
            if (resumed == reference || clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                output.WriteLine(
                    $"after restart: {report.GetProperty("bets").GetInt32()} bets, {report.GetProperty("open").GetInt32()} open, {clock.Elapsed.TotalSeconds:F0} s"
                );
                break;
            }

            await Task.Delay(1000);
        }

        Assert.Equal(reference, resumed);
        var agents = (await ClientProcess.RunJsonAsync(second, "agents", "status", "--json")).GetProperty("agents").EnumerateArray();
        Assert.All(agents, a => Assert.Equal("Running", a.GetProperty("state").GetString()));
        Assert.Equal(0, await second.StopAsync());
    }

    private static async Task<string> LedgerAsync(SiloProcess silo)
    {
        var bets = (await ClientProcess.RunJsonAsync(silo, "ledger", "--json"))
            .GetProperty("bets")
            .EnumerateArray()
            .Select(b =>
                $"{b.GetProperty("id").GetString()} {b.GetProperty("stake").GetDouble():F2} {b.GetProperty("status").GetString()} {b.GetProperty("profit").GetDouble():F2}"
            )
            .Order(StringComparer.Ordinal);
        return string.Join('\n', bets);
    }

    private static async Task WaitForOutputAsync(SiloProcess silo, string text, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!silo.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < until, $"'{text}' not printed within {limit.TotalSeconds} s:\n{silo.Output}");
            Assert.False(silo.HasExited, $"the silo exited:\n{silo.Output}");
            await Task.Delay(300);
        }
    }
}

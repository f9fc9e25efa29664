using System.CommandLine;
using Orleans.Betting.Client;

namespace Orleans.Betting.Tests.Client;

/// <summary>The client's commands, as parsed: every leaf command answers in one JSON object when asked.</summary>
public sealed class CommandTreeTests
{
    [Fact]
    public void EveryLeafCommandHasJson()
    {
        var leaves = Leaves(ClientProgram.BuildRoot(), "").ToList();
        Assert.True(leaves.Count >= 38, $"{leaves.Count} leaf commands");
        var without = leaves.Where(l => !l.Command.Options.Any(o => o.Name == "--json")).Select(l => l.Path).ToList();
        Assert.True(without.Count == 0, "without --json: " + string.Join(", ", without));
    }

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path) =>
        command.Subcommands.Count == 0 ? [(path.Trim(), command)] : command.Subcommands.SelectMany(c => Leaves(c, $"{path} {c.Name}"));
}

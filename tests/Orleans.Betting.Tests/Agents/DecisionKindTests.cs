using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Betting.Agents;
using Orleans.Serialization;

namespace Orleans.Betting.Tests.Agents;

/// <summary>A decision's kind is typed, and journals written while it was a string read unchanged.</summary>
public sealed class DecisionKindTests
{
    [Fact]
    public void AJournalEntryWrittenWithAStringKindReadsIntoTheTypedKindAndBack()
    {
        var serializer = new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(DecisionKindTests).Assembly).AddAssembly(typeof(AgentDecision).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer>();
        var at = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var before = new DecisionBefore(
            "orchestrator",
            3,
            "deploy",
            "deploy 2",
            ["deploy none"],
            new Dictionary<string, string>(),
            ["why"],
            at
        );

        var read = serializer.Deserialize<AgentDecision>(serializer.SerializeToArray(before))!;
        Assert.Same(DecisionKind.Deploy, read.Kind);
        Assert.Equal(("deploy 2", 3), (read.Choice, read.Cycle));

        // A remediation action (Self-healing records incident steps under them) reads as its own kind.
        var step = serializer.Deserialize<AgentDecision>(serializer.SerializeToArray(before with { Kind = "restart-agent" }))!;
        Assert.Equal(DecisionKind.ForRemediation("restart-agent"), step.Kind);

        // Written now, the bytes are those of the string (both read from the same bytes, so their lists are of one type).
        var beforeRead = serializer.Deserialize<DecisionBefore>(serializer.SerializeToArray(before))!;
        Assert.Equal(serializer.SerializeToArray(beforeRead), serializer.SerializeToArray(read));
        Assert.Equal("deploy", serializer.Deserialize<DecisionBefore>(serializer.SerializeToArray(read))!.Kind);
        Assert.Equal("\"deploy\"", JsonSerializer.Serialize(DecisionKind.Deploy));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Deploy")]
    [InlineData("deploy now")]
    [InlineData("-deploy")]
    public void AKindThatIsNotLowerCaseWordsJoinedByHyphensIsRefusedByName(string text)
    {
        var refused = Assert.Throws<FormatException>(() => DecisionKind.Parse(text));
        Assert.Contains($"'{text}' is not a decision kind", refused.Message);
    }
}

/// <summary>A decision as it was stored when its kind was a string.</summary>
[GenerateSerializer]
[Alias("test.AgentDecisionBefore")]
public sealed record DecisionBefore(
    [property: Id(0)] string Agent,
    [property: Id(1)] int Cycle,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Choice,
    [property: Id(4)] IReadOnlyList<string> Alternatives,
    [property: Id(5)] IReadOnlyDictionary<string, string> Inputs,
    [property: Id(6)] IReadOnlyList<string> Reasons,
    [property: Id(7)] DateTime AtUtc
);

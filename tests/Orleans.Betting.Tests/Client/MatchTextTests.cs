using Orleans.Betting.Client.Commands;

namespace Orleans.Betting.Tests.Client;

/// <summary>A match in a narrow column wraps between its teams, whose names may hold hyphens themselves.</summary>
public sealed class MatchTextTests
{
    [Theory]
    [InlineData("Arsenal-Chelsea", "Arsenal - Chelsea")]
    [InlineData("S1-T08-S1-T13", "S1-T08 - S1-T13")]
    [InlineData("Man United-Nott'm Forest", "Man United - Nott'm Forest")]
    [InlineData("A-B-C", "A - B - C")]
    public void TheMiddleHyphenSeparatesTheTeams(string match, string shown) => Assert.Equal(shown, LedgerCommands.Spaced(match));
}

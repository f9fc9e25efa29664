namespace Orleans.Betting.Swarms;

/// <summary>
/// A strategy's answer to a call for votes: its votes, or why it abstains. A paused strategy (weight 0)
/// abstains: it is not a voter under any rule, so it neither blocks a majority nor makes up a quorum.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.Ballot")]
public sealed record Ballot([property: Id(0)] IReadOnlyList<Vote> Votes, [property: Id(1)] string? Abstains = null)
{
    public static Ballot Abstain(string reason) => new([], reason);
}

using System.Globalization;
using Orleans.Betting.Ledger;

namespace Orleans.Betting.Agents.Bus;

/// <summary>
/// Work one agent asks of another on the bus (a request with a deadline), answered by a <see cref="WorkAnswer"/>.
/// Such bodies can be large (a day's bets): the message history keeps their summary only.
/// </summary>
[GenerateSerializer]
[Alias("betting.bus.WorkRequest")]
public abstract record WorkRequest : BusBody;

/// <summary>The answer to a <see cref="WorkRequest"/>.</summary>
[GenerateSerializer]
[Alias("betting.bus.WorkAnswer")]
public abstract record WorkAnswer : BusBody;

/// <summary>To RiskManagement: size these proposed bets as one portfolio.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.SizeRequest")]
public sealed record SizeRequest([property: Id(0)] IReadOnlyList<PaperBet> Bets) : WorkRequest
{
    public const string Name = "size";

    public override string Kind => Name;

    public override string Summary =>
        string.Create(CultureInfo.InvariantCulture, $"{Bets.Count} proposed bet(s), {Bets.Sum(b => b.Stake):F2} staked as proposed");
}

/// <summary>RiskManagement's sizing: the bets accepted with their stakes, the vetoes and the cuts.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.SizeAnswer")]
public sealed record SizeAnswer([property: Id(0)] RiskDecision Decision) : WorkAnswer
{
    public const string Name = "size-answer";

    public override string Kind => Name;

    public override string Summary =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Decision.Accepted.Count} accepted ({Decision.Accepted.Sum(b => b.Stake):F2}), {Decision.Vetoes.Count} vetoed, {Decision.Cuts?.Count ?? 0} cut"
        );
}

/// <summary>To the PerformanceAnalyst: settle what the results known by this market time allow, and report.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.SettleRequest")]
public sealed record SettleRequest([property: Id(0)] DateTime ClockUtc) : WorkRequest
{
    public const string Name = "settle";

    public override string Kind => Name;

    public override string Summary => string.Create(CultureInfo.InvariantCulture, $"results known by {ClockUtc:u}");
}

/// <summary>The PerformanceAnalyst's settlement report.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.SettleAnswer")]
public sealed record SettleAnswer([property: Id(0)] PerformanceSummary Performance) : WorkAnswer
{
    public const string Name = "settle-answer";

    public override string Kind => Name;

    public override string Summary =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Performance.Settled} settled, {Performance.StillOpen} open, ROI {Performance.Roi:P1}"
        );
}

/// <summary>To DataEngineering: the market facts of these leagues' completed seasons (the data-period tests' input).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.FactsRequest")]
public sealed record FactsRequest([property: Id(0)] IReadOnlyList<string> Leagues, [property: Id(1)] IReadOnlyList<string> Seasons)
    : WorkRequest
{
    public const string Name = "facts";

    public override string Kind => Name;

    public override string Summary => $"{string.Join(",", Leagues)}: {Seasons.Count} season(s)";
}

/// <summary>DataEngineering's season facts.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.FactsAnswer")]
public sealed record FactsAnswer([property: Id(0)] IReadOnlyList<SeasonMarketFacts> Facts) : WorkAnswer
{
    public const string Name = "facts-answer";

    public override string Kind => Name;

    public override string Summary => $"{Facts.Count} season fact(s)";
}

/// <summary>To the StrategyAnalyst: run this search (a swarm run under this id, started once however often asked).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.SearchRequest")]
public sealed record SearchRequest([property: Id(0)] string RunId, [property: Id(1)] Swarms.SwarmRunRequest Request) : WorkRequest
{
    public const string Name = "search";

    public override string Kind => Name;

    public override string Summary =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{RunId}: {Request.Candidates} candidate(s), train {string.Join(",", Request.TrainSeasons)}, test {string.Join(",", Request.TestSeasons)}"
        );
}

/// <summary>The StrategyAnalyst's answer: the search is under way (or already over) under this id; its end comes as <see cref="SearchFinished"/>.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.SearchAnswer")]
public sealed record SearchAnswer([property: Id(0)] string RunId, [property: Id(1)] Swarms.SwarmPhase Phase) : WorkAnswer
{
    public const string Name = "search-answer";

    public override string Kind => Name;

    public override string Summary => $"{RunId}: {Phase}";
}

/// <summary>The StrategyAnalyst's news to whoever asked for a search: it ended, with what it found.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.SearchFinished")]
public sealed record SearchFinished(
    [property: Id(0)] string RunId,
    [property: Id(1)] Swarms.SwarmPhase Phase,
    [property: Id(2)] int Trials,
    [property: Id(3)] int Validated,
    [property: Id(4)] string? Error
) : BusBody
{
    public const string Name = "search-finished";

    public override string Kind => Name;

    public override string Summary =>
        Error is { } error
            ? $"{RunId}: {Phase}: {error}"
            : string.Create(CultureInfo.InvariantCulture, $"{RunId}: {Phase}, {Trials} trial(s), {Validated} validated");
}

using Orleans.Betting.Strategies;
using Orleans.Concurrency;

namespace Orleans.Betting.Swarms;

public enum SwarmPhase
{
    Pending,
    Generating,
    Validating,
    Deploying,
    Voting,
    Completed,
    Failed,
}

public enum ConsensusRule
{
    Majority,
    Unanimous,
    Quorum,
    Weighted,
}

/// <summary>What the client asks for: <c>swarm run --league E0 --train … --test … --candidates 200 --seed 7 --rule weighted</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record SwarmRunRequest(
    [property: Id(0)] IReadOnlyList<string> Leagues,
    [property: Id(1)] IReadOnlyList<string> TrainSeasons,
    [property: Id(2)] IReadOnlyList<string> TestSeasons,
    [property: Id(3)] int Candidates,
    [property: Id(4)] int Seed,
    [property: Id(5)] ConsensusRule Rule = ConsensusRule.Weighted,
    [property: Id(6)] double Quorum = 0.5,
    [property: Id(7)] int MaxDeployed = 5,
    [property: Id(8)] int VoteDeadlineMs = 2000,
    [property: Id(9)] double Bankroll = 1000,
    [property: Id(10)] int HorizonDays = 2,
    [property: Id(11)] bool DeployAndVote = true,
    [property: Id(12)] IReadOnlyList<string>? Parents = null);

[GenerateSerializer, Immutable]
public sealed record CandidateResult(
    [property: Id(0)] string Id,
    [property: Id(1)] string Family,
    [property: Id(2)] string Spec,
    [property: Id(3)] double Fitness,
    [property: Id(4)] BacktestFigures Training,
    [property: Id(5)] string Origin,
    [property: Id(6)] IReadOnlyList<double>? SeasonRois = null);

[GenerateSerializer, Immutable]
public sealed record GenerationResult(
    [property: Id(0)] int Trials,
    [property: Id(1)] double SharpeVariance,
    [property: Id(2)] IReadOnlyList<CandidateResult> Selected,
    [property: Id(3)] IReadOnlyDictionary<string, int> TrialsByFamily,
    [property: Id(4)] IReadOnlyDictionary<string, double> SharpeVarianceByFamily,
    [property: Id(5)] int EffectiveTrials,
    [property: Id(6)] double? Pbo = null);

[GenerateSerializer, Immutable]
public sealed record ValidatorVerdict(
    [property: Id(0)] string Validator,
    [property: Id(1)] bool Passed,
    [property: Id(2)] string Reason,
    [property: Id(3)] IReadOnlyDictionary<string, double> Figures);

[GenerateSerializer, Immutable]
public sealed record ValidationOutcome(
    [property: Id(0)] string Id,
    [property: Id(1)] string Family,
    [property: Id(2)] string Spec,
    [property: Id(3)] bool Approved,
    [property: Id(4)] IReadOnlyList<ValidatorVerdict> Verdicts,
    [property: Id(5)] BacktestFigures OutOfSample,
    [property: Id(6)] double DeflatedSharpe);

[GenerateSerializer, Immutable]
public sealed record Vote(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string MatchId,
    [property: Id(2)] string Outcome,
    [property: Id(3)] double Probability,
    [property: Id(4)] double Price,
    [property: Id(5)] string Source,
    [property: Id(6)] double Edge,
    [property: Id(7)] double Confidence);

[GenerateSerializer, Immutable]
public sealed record Pick(
    [property: Id(0)] string MatchId,
    [property: Id(1)] DateTime KickoffUtc,
    [property: Id(2)] string Outcome,
    [property: Id(3)] double Price,
    [property: Id(4)] string Source,
    [property: Id(5)] double Probability,
    [property: Id(6)] double Edge,
    [property: Id(7)] string Tier,
    [property: Id(8)] double Stake,
    [property: Id(9)] int VotesFor,
    [property: Id(10)] int VotesAgainst,
    [property: Id(11)] int Absent,
    [property: Id(12)] double Score,
    [property: Id(13)] IReadOnlyList<string>? Backers = null);

[GenerateSerializer, Immutable]
public sealed record ConsensusResult(
    [property: Id(0)] DateTime ClockUtc,
    [property: Id(1)] int Matches,
    [property: Id(2)] int Voters,
    [property: Id(3)] IReadOnlyList<string> AbsentVoters,
    [property: Id(4)] IReadOnlyList<Pick> Picks,
    [property: Id(5)] double ElapsedMs);

[GenerateSerializer, Immutable]
public sealed record SwarmProgress(
    [property: Id(0)] SwarmPhase Phase,
    [property: Id(1)] int Done,
    [property: Id(2)] int Total,
    [property: Id(3)] string Detail);

[GenerateSerializer, Immutable]
public sealed record SwarmRunStatus(
    [property: Id(0)] string RunId,
    [property: Id(1)] SwarmPhase Phase,
    [property: Id(2)] SwarmProgress Progress,
    [property: Id(3)] SwarmRunRequest? Request,
    [property: Id(4)] GenerationResult? Generation,
    [property: Id(5)] IReadOnlyList<ValidationOutcome> Validation,
    [property: Id(6)] IReadOnlyList<string> Deployed,
    [property: Id(7)] ConsensusResult? Consensus,
    [property: Id(8)] string? Error,
    [property: Id(9)] DateTime? StartedUtc,
    [property: Id(10)] DateTime? FinishedUtc,
    [property: Id(11)] int Resumes);

/// <summary>One swarm run (key: run id): generation → validation → deployment → consensus, persisted, resumable.</summary>
public interface ISwarmRunGrain : IGrainWithStringKey
{
    Task<SwarmRunStatus> StartAsync(SwarmRunRequest request);

    [AlwaysInterleave]
    Task<SwarmRunStatus> GetStatusAsync();

    [AlwaysInterleave, OneWay]
    Task ReportProgressAsync(SwarmProgress progress);
}

/// <summary>Ideation → sharing → refinement → selection over strategy grains (key: run id).</summary>
public interface IGenerationSwarmGrain : IGrainWithStringKey
{
    Task<GenerationResult> RunAsync(GenerationRequest request, CancellationToken cancellationToken = default);
}

[GenerateSerializer, Immutable]
public sealed record GenerationRequest(
    [property: Id(0)] string RunId,
    [property: Id(1)] IReadOnlyList<string> Leagues,
    [property: Id(2)] IReadOnlyList<string> TrainSeasons,
    [property: Id(3)] int Candidates,
    [property: Id(4)] int Seed,
    [property: Id(5)] int Concurrency = 8,
    [property: Id(6)] int Keep = 12,
    [property: Id(7)] IReadOnlyList<string>? Parents = null);

/// <summary>Independent validators per candidate; approval must be unanimous (key: run id).</summary>
public interface IValidationSwarmGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<ValidationOutcome>> RunAsync(ValidationRequest request, CancellationToken cancellationToken = default);
}

[GenerateSerializer, Immutable]
public sealed record ValidationRequest(
    [property: Id(0)] string RunId,
    [property: Id(1)] IReadOnlyList<CandidateResult> Candidates,
    [property: Id(2)] IReadOnlyList<string> Leagues,
    [property: Id(3)] IReadOnlyList<string> TrainSeasons,
    [property: Id(4)] IReadOnlyList<string> TestSeasons,
    [property: Id(5)] int Trials,
    [property: Id(6)] IReadOnlyDictionary<string, double> SharpeVarianceByFamily,
    [property: Id(7)] int Seed);

/// <summary>Collects votes from deployed strategy grains within a deadline and turns them into picks (key: run id).</summary>
public interface IConsensusSwarmGrain : IGrainWithStringKey
{
    Task<ConsensusResult> RunAsync(ConsensusRequest request, CancellationToken cancellationToken = default);
}

[GenerateSerializer, Immutable]
public sealed record ConsensusRequest(
    [property: Id(0)] IReadOnlyList<string> StrategyIds,
    [property: Id(1)] IReadOnlyList<string> Leagues,
    [property: Id(2)] IReadOnlyList<string> Seasons,
    [property: Id(3)] DateTime ClockUtc,
    [property: Id(4)] int HorizonDays,
    [property: Id(5)] ConsensusRule Rule,
    [property: Id(6)] double Quorum,
    [property: Id(7)] int DeadlineMs,
    [property: Id(8)] double Bankroll);

/// <summary>Deployed strategies, cluster-wide (key "registry").</summary>
public interface IStrategyRegistryGrain : IGrainWithStringKey
{
    const string Key = "registry";

    Task RegisterAsync(string strategyId, string family, string spec, string runId);

    Task<IReadOnlyList<RegisteredStrategy>> ListAsync();

    Task RemoveAsync(string strategyId);

    /// <summary>Remembers a finished run, so <c>picks</c> can default to the latest one.</summary>
    Task RecordRunAsync(string runId, DateTime finishedUtc);

    Task<string?> LatestRunAsync();
}

[GenerateSerializer, Immutable]
public sealed record RegisteredStrategy(
    [property: Id(0)] string Id,
    [property: Id(1)] string Family,
    [property: Id(2)] string Spec,
    [property: Id(3)] string RunId,
    [property: Id(4)] DateTime AddedUtc);

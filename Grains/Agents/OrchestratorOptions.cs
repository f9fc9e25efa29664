using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Configuration;

namespace Orleans.Betting.Agents;

/// <summary>The Orchestrator's cycle (<c>Betting:Agents</c>: window, search budget, deployment, votes, review thresholds).</summary>
public sealed class OrchestratorOptions : IValidatedOptions
{
    public const string Section = AgentOptions.Section;

    /// <summary>The cycle's length on the market clock.</summary>
    public double WindowDays { get; set; } = 7;

    /// <summary>Seasons learned from before trading (default: all but the last two).</summary>
    public int? LearningSeasons { get; set; }

    /// <summary>Strategies deployed at once (the consensus' capacity).</summary>
    public int MaxDeployed { get; set; } = 5;

    /// <summary>Share of a cycle's wall time the search may take.</summary>
    public double SearchShare { get; set; } = 0.5;

    public int MinCandidates { get; set; } = 20;

    public int MaxCandidates { get; set; } = 200;

    /// <summary>How long the consensus waits for each strategy's vote.</summary>
    public int VoteDeadlineMs { get; set; } = 5000;

    /// <summary>
    /// A second consensus round in which voters see the tally and dissent and may revise toward the sharp
    /// price (off by default: on the real leagues it moved the picks' CLV by less than its standard error;
    /// README, "Deliberation").
    /// </summary>
    public bool Deliberate { get; set; }

    /// <summary>How far a voter with the whole score against it moves toward the sharp price in the second round (0–1).</summary>
    public double Deference { get; set; } = 0.5;

    /// <summary>Thresholds that hold a validated strategy for a human (<c>Betting:Agents:Review</c>).</summary>
    public ReviewSettings Review { get; set; } = new();

    public TimeSpan Window => TimeSpan.FromDays(WindowDays);

    public void Validate(OptionsProblems problems)
    {
        problems
            .Positive(nameof(WindowDays), WindowDays)
            .AtLeast(nameof(MaxDeployed), MaxDeployed, 1)
            .Positive(nameof(SearchShare), SearchShare)
            .AtLeast(nameof(MinCandidates), MinCandidates, 1)
            .Require(
                MaxCandidates >= MinCandidates,
                nameof(MaxCandidates),
                MaxCandidates,
                $"must be at least MinCandidates ({MinCandidates})"
            )
            .AtLeast(nameof(VoteDeadlineMs), VoteDeadlineMs, 1)
            .Between(nameof(Deference), Deference, 0, 1)
            .Nested(
                nameof(Review),
                review =>
                    review
                        .Positive(nameof(ReviewSettings.MaxRoi), Review.MaxRoi)
                        .AtLeast(nameof(ReviewSettings.MinBets), Review.MinBets, 0)
                        .Between(nameof(ReviewSettings.MaxGapShare), Review.MaxGapShare, 0, 1)
                        .Between(nameof(ReviewSettings.MinDeflatedSharpe), Review.MinDeflatedSharpe, 0, 1)
                        .Between(nameof(ReviewSettings.MaxPbo), Review.MaxPbo, 0, 1)
            );
        if (LearningSeasons is { } learn)
        {
            problems.AtLeast(nameof(LearningSeasons), learn, 1);
        }
    }
}

using Orleans.Betting.Configuration;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>The silo's main job (<c>Betting:MainJob</c>): follow the agents, or the one-shot swarm run.</summary>
public sealed class MainJobOptions : IValidatedOptions
{
    public const string Section = "Betting:MainJob";

    /// <summary>Run the main job on this silo (default: in the Embedded profile only).</summary>
    public bool? Enabled { get; set; }

    /// <summary>Candidates of the one-shot swarm run.</summary>
    public int Candidates { get; set; } = 200;

    public bool EnabledFor(HostingProfile profile) => Enabled ?? profile == HostingProfile.Embedded;

    public void Validate(OptionsProblems problems) => problems.AtLeast(nameof(Candidates), Candidates, 1);
}

using Orleans.Betting.Configuration;

namespace Orleans.Betting.Silo.Simulation;

/// <summary>The simulator's knobs (configuration section Betting:Simulator).</summary>
public sealed record SimulatorOptions : IValidatedOptions
{
    public const string Section = "Betting:Simulator";

    /// <summary>The Embedded profile stands the simulator up unless this is false or an odds API URL is configured.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Its loopback port (0: any free one).</summary>
    public int Port { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>The upstream rate limit it enforces with 429 + Retry-After.</summary>
    public double RequestsPerSecond { get; init; } = 10;

    public int Burst { get; init; } = 10;

    /// <summary>Credits until the (simulated) monthly reset.</summary>
    public long MonthlyQuota { get; init; } = 100_000;

    /// <summary>When set, calls with another key get 401 INVALID_KEY; a key is always required.</summary>
    public string? ApiKey { get; init; }

    public TimeSpan Tick { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan EventSpacing { get; init; } = TimeSpan.FromMinutes(15);

    public int EventsAhead { get; init; } = 12;

    public double DriftPerTick { get; init; } = 0.02;

    public double SteamProbabilityPerTick { get; init; } = 0.004;

    public double SteamSize { get; init; } = 0.35;

    public void Validate(OptionsProblems problems) =>
        problems
            .Between(nameof(Port), Port, 0, 65535)
            .Positive(nameof(RequestsPerSecond), RequestsPerSecond)
            .AtLeast(nameof(Burst), Burst, 1)
            .AtLeast(nameof(MonthlyQuota), MonthlyQuota, 0)
            .Require(Tick > TimeSpan.Zero, nameof(Tick), Tick, "must be positive")
            .Require(EventSpacing > TimeSpan.Zero, nameof(EventSpacing), EventSpacing, "must be positive")
            .AtLeast(nameof(EventsAhead), EventsAhead, 1)
            .Between(nameof(DriftPerTick), DriftPerTick, 0, 1)
            .Between(nameof(SteamProbabilityPerTick), SteamProbabilityPerTick, 0, 1)
            .Between(nameof(SteamSize), SteamSize, 0, 1);
}

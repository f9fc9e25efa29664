using Orleans.Betting.Configuration;

namespace Orleans.Betting.Agents;

/// <summary>The agents' common settings (<c>Betting:Agents</c>).</summary>
public sealed class AgentOptions : IValidatedOptions
{
    public const string Section = "Betting:Agents";

    /// <summary>Run the agents on this silo (default: wherever the main job runs, i.e. Embedded).</summary>
    public bool? Enabled { get; set; }

    /// <summary>The tick period of every agent when set; else each kind's own default.</summary>
    public double? TickSeconds { get; set; }

    /// <summary>Per-agent tick periods (<c>Betting:Agents:{name}:TickSeconds</c>), over <see cref="TickSeconds"/>.</summary>
    public Dictionary<string, double> TickSecondsByAgent { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Consecutive failed ticks before an agent is Faulted.</summary>
    public int FaultAfterFailures { get; set; } = 3;

    /// <summary>The keep-alive reminder's period (Orleans keeps its one-minute minimum).</summary>
    public double KeepAliveSeconds { get; set; } = 60;

    /// <summary>
    /// An unacknowledged message is resent with a doubling delay (2 s up to 5 min) and dead-lettered
    /// after this long (an agent paused for good, say): kept in the history, never resent again.
    /// </summary>
    public double OutboxMaxAgeMinutes { get; set; } = 24 * 60;

    /// <summary>Pages of each agent's decision journal kept (256 decisions a page); older pages are forgotten.</summary>
    public int JournalPages { get; set; } = 40;

    /// <summary>How long an agent waits for the answer to a work request before it decides without it (wall seconds).</summary>
    public double RequestDeadlineSeconds { get; set; } = 30;

    public PerformanceAgentOptions Performance { get; set; } = new();

    public DataAgentOptions Data { get; set; } = new();

    public DatabaseAgentOptions Database { get; set; } = new();

    public TimeSpan TickPeriod(string agent, double kindDefault) =>
        TimeSpan.FromSeconds(Math.Max(0.05, TickSecondsByAgent.TryGetValue(agent, out var own) ? own : TickSeconds ?? kindDefault));

    public void Validate(OptionsProblems problems)
    {
        if (TickSeconds is { } tick)
        {
            problems.Positive(nameof(TickSeconds), tick);
        }

        foreach (var (agent, seconds) in TickSecondsByAgent)
        {
            problems.Positive($"{agent}:TickSeconds", seconds);
        }

        problems
            .AtLeast(nameof(FaultAfterFailures), FaultAfterFailures, 1)
            .Positive(nameof(KeepAliveSeconds), KeepAliveSeconds)
            .Positive(nameof(OutboxMaxAgeMinutes), OutboxMaxAgeMinutes)
            .Positive(nameof(RequestDeadlineSeconds), RequestDeadlineSeconds)
            .AtLeast(nameof(JournalPages), JournalPages, 2)
            .AtLeast("Performance:MinBets", Performance.MinBets, 1)
            .Positive("Database:KeepEventDays", Database.KeepEventDays)
            .AtLeast("Database:UpkeepEveryTicks", Database.UpkeepEveryTicks, 1)
            .Positive("Database:MaxRecordBytes", Database.MaxRecordBytes)
            .Positive("Database:MaxRecordToMean", Database.MaxRecordToMean)
            .Positive("Database:MaxGrowthShare", Database.MaxGrowthShare);
    }
}

/// <summary>DataEngineering's settings (<c>Betting:Agents:Data</c>).</summary>
public sealed class DataAgentOptions
{
    /// <summary>
    /// Market hours between refreshes of the football-data seasons in progress through the API pool (0: never). Set it
    /// when <c>Betting:FootballData:BaseUrl</c> is reachable: each refresh downloads the season of the market's date
    /// and any season whose last match is under 30 days old, for every league that came from football-data files.
    /// </summary>
    public double RefreshHours { get; set; }
}

/// <summary>The PerformanceAnalyst's settings (<c>Betting:Agents:Performance</c>).</summary>
public sealed class PerformanceAgentOptions
{
    /// <summary>Settled bets a strategy needs before its weight follows its live record.</summary>
    public int MinBets { get; set; } = 30;
}

/// <summary>The Database agent's settings (<c>Betting:Agents:Database</c>).</summary>
public sealed class DatabaseAgentOptions
{
    /// <summary>Price histories of events that started longer ago than this are pruned.</summary>
    public double KeepEventDays { get; set; } = 7;

    /// <summary>Every this many ticks the agent reads what the store holds (sizes per grain type, tables) and checks it.</summary>
    public int UpkeepEveryTicks { get; set; } = 10;

    /// <summary>A stored record larger than this is an outlier (bytes).</summary>
    public long MaxRecordBytes { get; set; } = 1 << 20;

    /// <summary>A grain type's largest record this many times its mean (and at least 64 KiB) is an outlier.</summary>
    public double MaxRecordToMean { get; set; } = 20;

    /// <summary>A grain type that grows by more than this share between upkeeps (and at least 1 MiB) is an outlier.</summary>
    public double MaxGrowthShare { get; set; } = 0.5;
}

namespace Orleans.Betting.Agents.Bus;

/// <summary>
/// What a bus message says: one record per kind, and agents route on the type. <see cref="Kind"/> and
/// <see cref="Summary"/> are the message's text for people (the history's subject and body).
/// </summary>
[GenerateSerializer]
[Alias("betting.bus.Body")]
public abstract record BusBody
{
    /// <summary>The kind's name, shown as the message's subject ("alert", "ping").</summary>
    public abstract string Kind { get; }

    /// <summary>One line for people.</summary>
    public abstract string Summary { get; }

    /// <summary>
    /// The body of a message stored before bodies had types (a subject and a text, JSON for an alert),
    /// read into its record. A text that does not read throws (<see cref="System.Text.Json.JsonException"/>
    /// or <see cref="ArgumentException"/>), and the receiver dead-letters the message.
    /// </summary>
    public static BusBody FromText(string subject, string text) =>
        subject switch
        {
            Ping.Name => new Ping(),
            StatusQuery.Name => new StatusQuery(),
            AlertRaised.Name => new AlertRaised(
                System.Text.Json.JsonSerializer.Deserialize<Alert>(text)
                    ?? throw new ArgumentException($"an alert's body is JSON null: '{text}'", nameof(text))
            ),
            CycleCompleted.Name => new CycleCompleted(text),
            _ => new Note(subject, text),
        };
}

/// <summary>Are you there? Answered "pong from {agent}".</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.Ping")]
public sealed record Ping : BusBody
{
    public const string Name = "ping";

    public override string Kind => Name;

    public override string Summary => "";
}

/// <summary>How are you? Answered with the agent's state and ticks.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.StatusQuery")]
public sealed record StatusQuery : BusBody
{
    public const string Name = "status";

    public override string Kind => Name;

    public override string Summary => "";
}

/// <summary>An alert for people, to the Notification agent (which de-duplicates and delivers it).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.AlertRaised")]
public sealed record AlertRaised([property: Id(0)] Alert Alert) : BusBody
{
    public const string Name = "alert";

    public override string Kind => Name;

    public override string Summary => $"{Alert.Severity} {Alert.Key} from {Alert.Source}: {Alert.Text}";
}

/// <summary>The Orchestrator's news that a cycle finished, with its one-line report (broadcast on the cycle topic).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.CycleCompleted")]
public sealed record CycleCompleted([property: Id(0)] string Report) : BusBody
{
    public const string Name = "cycle-completed";

    public override string Kind => Name;

    public override string Summary => Report;
}

/// <summary>The PerformanceAnalyst's news as bets settle: the settled count and the ledger's headlines (broadcast on the insights topic).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.InsightsPublished")]
public sealed record InsightsPublished([property: Id(0)] int Settled, [property: Id(1)] IReadOnlyList<string> Headlines) : BusBody
{
    public const string Name = "insights";

    public override string Kind => Name;

    public override string Summary => $"{Settled} settled: {string.Join("; ", Headlines.Take(3))}";
}

/// <summary>Free text from an operator or a test: kept in the history and acknowledged; no agent acts on it.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.Note")]
public sealed record Note([property: Id(0)] string Subject, [property: Id(1)] string Text) : BusBody
{
    public override string Kind => Subject;

    public override string Summary => Text;
}

/// <summary>A request's answer.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.bus.Answer")]
public sealed record Answer([property: Id(0)] string Text) : BusBody
{
    public const string Name = "answer";

    public override string Kind => Name;

    public override string Summary => Text;
}

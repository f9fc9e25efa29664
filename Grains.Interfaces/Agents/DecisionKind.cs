using System.Text.Json.Serialization;
using Orleans.Betting.Serialization;

namespace Orleans.Betting.Agents;

/// <summary>
/// What an agent decided about: one of the named kinds below, or an incident step's remediation action
/// (recorded by the Self-healing agent under the action's own name). Travels and is stored as its name, the
/// string decisions carried before the type (<see cref="DecisionKindCodec"/>), so journals written then read.
/// </summary>
[Immutable]
[Alias("betting.DecisionKind")]
[JsonConverter(typeof(TextFormJsonConverter<DecisionKind>))]
public sealed class DecisionKind : ITextForm<DecisionKind>, IEquatable<DecisionKind>
{
    private DecisionKind(string text) => Text = text;

    public string Text { get; }

    // The Orchestrator's cycle.
    public static readonly DecisionKind Market = new("market");
    public static readonly DecisionKind DataPeriod = new("data-period");
    public static readonly DecisionKind GenerateOrEvolve = new("generate-or-evolve");
    public static readonly DecisionKind Candidates = new("candidates");
    public static readonly DecisionKind SearchFocus = new("search-focus");
    public static readonly DecisionKind SearchFailed = new("search-failed");
    public static readonly DecisionKind HumanReview = new("human-review");
    public static readonly DecisionKind Deploy = new("deploy");
    public static readonly DecisionKind Retire = new("retire");
    public static readonly DecisionKind Veto = new("veto");
    public static readonly DecisionKind Deliberation = new("deliberation");
    public static readonly DecisionKind LedgerRejected = new("ledger-rejected");
    public static readonly DecisionKind LiveTrade = new("live-trade");
    public static readonly DecisionKind LiveVoid = new("live-void");

    // The specialists and workers.
    public static readonly DecisionKind RetireProposal = new("retire-proposal");
    public static readonly DecisionKind Revalidation = new("revalidation");
    public static readonly DecisionKind DataRefresh = new("data-refresh");
    public static readonly DecisionKind DataQuality = new("data-quality");
    public static readonly DecisionKind CloseParted = new("close-parted");
    public static readonly DecisionKind PollPace = new("poll-pace");
    public static readonly DecisionKind Sizing = new("sizing");
    public static readonly DecisionKind StorageOutlier = new("storage-outlier");

    // Health logs the Logging agent keeps in the audit trail beside the decisions.
    public static readonly DecisionKind Incident = new("incident");
    public static readonly DecisionKind Audit = new("audit");

    // Any agent: a tool refused, a message given up on.
    public static readonly DecisionKind Refused = new("refused");
    public static readonly DecisionKind DeadLetter = new("dead-letter");
    public static readonly DecisionKind Timeout = new("timeout");

    /// <summary>The named kinds (an incident's remediation actions come on top).</summary>
    public static IReadOnlyList<DecisionKind> Named { get; } =
    [
        Market,
        DataPeriod,
        GenerateOrEvolve,
        Candidates,
        SearchFocus,
        SearchFailed,
        HumanReview,
        Deploy,
        Retire,
        Veto,
        Deliberation,
        LedgerRejected,
        LiveTrade,
        LiveVoid,
        RetireProposal,
        Revalidation,
        DataRefresh,
        DataQuality,
        CloseParted,
        PollPace,
        Sizing,
        StorageOutlier,
        Incident,
        Audit,
        Refused,
        DeadLetter,
        Timeout,
    ];

    /// <summary>The five decisions the Orchestrator logs in every search cycle, with inputs, alternatives and reasons.</summary>
    public static IReadOnlyList<DecisionKind> EveryCycle { get; } = [GenerateOrEvolve, Candidates, DataPeriod, HumanReview, Deploy];

    /// <summary>A named kind, or a remediation action's kind: lower-case words joined by '-'.</summary>
    public static DecisionKind Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Named.FirstOrDefault(k => k.Text == text) is { } named)
        {
            return named;
        }

        return text.Length > 0 && text.Length <= 64 && text.All(c => c is (>= 'a' and <= 'z') or '-') && text[0] != '-' && text[^1] != '-'
            ? new DecisionKind(text)
            : throw new FormatException(
                $"'{text}' is not a decision kind: lower-case words joined by '-' (e.g. {string.Join(", ", Named.Take(4).Select(k => k.Text))})"
            );
    }

    /// <summary>The kind an incident step is recorded under: its remediation action.</summary>
    public static DecisionKind ForRemediation(string action) => Parse(action);

    public bool Equals(DecisionKind? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is DecisionKind other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public static bool operator ==(DecisionKind? a, DecisionKind? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(DecisionKind? a, DecisionKind? b) => !(a == b);

    public override string ToString() => Text;
}

/// <summary>Writes a <see cref="DecisionKind"/> as the string it replaced.</summary>
[RegisterSerializer]
public sealed class DecisionKindCodec : TextFormCodec<DecisionKind>;

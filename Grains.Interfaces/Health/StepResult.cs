using System.Text.Json.Serialization;

namespace Orleans.Betting.Health;

/// <summary>How one step of an incident went.</summary>
/// <remarks>JSON names are the lower-case words people and the client's <c>--json</c> have always seen.</remarks>
[GenerateSerializer]
[Alias("betting.StepResult")]
public enum StepResult
{
    /// <summary>A message (alert, escalation) was queued for people.</summary>
    [JsonStringEnumMemberName("sent")]
    Sent,

    /// <summary>A remediation took effect; its verification is pending.</summary>
    [JsonStringEnumMemberName("applied")]
    Applied,

    /// <summary>The anomaly was not seen during the verification window.</summary>
    [JsonStringEnumMemberName("verified")]
    Verified,

    /// <summary>The anomaly was still there after the remediation (counts towards escalation).</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The remediation itself threw (counts towards escalation).</summary>
    [JsonStringEnumMemberName("error")]
    Error,

    /// <summary>A step with nothing to verify (an undo, a restart) completed.</summary>
    [JsonStringEnumMemberName("done")]
    Done,

    /// <summary>A human let automation retry an escalated incident.</summary>
    [JsonStringEnumMemberName("retry")]
    Retry,

    /// <summary>A human took an escalated incident over; automation stays off.</summary>
    [JsonStringEnumMemberName("handled")]
    Handled,
}

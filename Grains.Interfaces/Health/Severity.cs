using System.Text.Json.Serialization;

namespace Orleans.Betting.Health;

/// <summary>How urgent an alert, finding or incident is (ordered: a higher value is more urgent).</summary>
/// <remarks>JSON names are the lower-case words people and the client's <c>--json</c> have always seen.</remarks>
[GenerateSerializer]
[Alias("betting.Severity")]
public enum Severity
{
    [JsonStringEnumMemberName("info")]
    Info,

    [JsonStringEnumMemberName("warning")]
    Warning,

    [JsonStringEnumMemberName("critical")]
    Critical,
}

using System.Globalization;

namespace Orleans.Betting.Agents.Views;

/// <summary>
/// What an agent's status says about its memory, as typed fields: one record per agent. <see cref="Fields"/>
/// is the same as text for people (the client's tables, <see cref="AgentStatus.Memory"/>).
/// </summary>
[GenerateSerializer]
[Alias("betting.views.AgentMemory")]
public abstract record AgentMemoryView
{
    /// <summary>The fields as text, in the order people read them.</summary>
    public abstract IReadOnlyList<KeyValuePair<string, string>> Fields();

    protected static KeyValuePair<string, string> Field(string name, string value) => new(name, value);

    protected static KeyValuePair<string, string> Field(string name, long value) => new(name, value.ToString(CultureInfo.InvariantCulture));

    protected static KeyValuePair<string, string> Field(string name, DateTime? utc) =>
        new(name, utc?.ToString("u", CultureInfo.InvariantCulture) ?? "-");
}

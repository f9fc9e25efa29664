namespace Orleans.Betting.Silo.Hosting;

/// <summary>A configuration problem, reported as one line naming the setting.</summary>
public sealed class ConfigurationError : Exception
{
    public ConfigurationError(string setting, string problem)
        : base($"{setting}: {problem}")
    {
        Setting = setting;
    }

    /// <summary>Problems that already name their keys (typed options' validation).</summary>
    public ConfigurationError(string problems)
        : base(problems)
    {
        Setting = "";
    }

    /// <summary>The setting at fault (empty when the message lists several, each with its key).</summary>
    public string Setting { get; }
}

using System.Globalization;

namespace Orleans.Betting.Configuration;

/// <summary>
/// Problems found in one options section, each naming its full configuration key and the bad value
/// (e.g. <c>Betting:Agents:MaxDeployed '0': must be at least 1</c>), so a silo refused at start says
/// exactly what to fix.
/// </summary>
public sealed class OptionsProblems(string section)
{
    private readonly List<string> problems = [];

    public string Section => section;

    public IReadOnlyList<string> List => problems;

    public string Key(string name) => $"{section}:{name}";

    public OptionsProblems Add(string name, object? value, string why)
    {
        problems.Add($"{Key(name)} '{Format(value)}': {why}");
        return this;
    }

    public OptionsProblems Require(bool ok, string name, object? value, string why) => ok ? this : Add(name, value, why);

    /// <summary>For values that may carry a secret (keys, URLs with tokens): the problem names the key, never the value.</summary>
    public OptionsProblems RequireHidden(bool ok, string name, string why)
    {
        if (!ok)
        {
            problems.Add($"{Key(name)}: {why} (value not shown)");
        }

        return this;
    }

    public OptionsProblems Positive(string name, double value) =>
        Require(value > 0 && double.IsFinite(value), name, value, "must be a positive number");

    public OptionsProblems AtLeast(string name, double value, double minimum) =>
        Require(value >= minimum && double.IsFinite(value), name, value, $"must be at least {Format(minimum)}");

    public OptionsProblems Between(string name, double value, double minimum, double maximum) =>
        Require(value >= minimum && value <= maximum, name, value, $"must be between {Format(minimum)} and {Format(maximum)}");

    /// <summary>Checks a nested section's options under this one (e.g. <c>Betting:Health:Rules</c>).</summary>
    public OptionsProblems Nested(string name, Action<OptionsProblems> validate)
    {
        var inner = new OptionsProblems(Key(name));
        validate(inner);
        problems.AddRange(inner.problems);
        return this;
    }

    private static string Format(object? value) =>
        value switch
        {
            null => "",
            double d => d.ToString("0.######", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
}

namespace Orleans.Betting.Health;

/// <summary>
/// What a finding or incident is about: a kind and a name, written <c>kind:name</c> (<c>api:odds</c>,
/// <c>agent:database</c>, <c>book:williamhill</c>, <c>strategy:elo-3f2a…</c>); a series adds its measure
/// (<c>api:odds:latency_ms</c>).
/// </summary>
public readonly record struct HealthSubject(string Kind, string Name)
{
    public override string ToString() => $"{Kind}:{Name}";

    /// <summary>The subject of <c>kind:name</c>; a text without a kind is all name.</summary>
    public static HealthSubject Parse(string text)
    {
        var colon = text.IndexOf(':');
        return colon < 0 ? new HealthSubject("", text) : new HealthSubject(text[..colon], text[(colon + 1)..]);
    }

    /// <summary>The subject a series measures: all but its last part (<c>api:odds:latency_ms</c> → <c>api:odds</c>).</summary>
    public static string OfSeries(string series)
    {
        var colon = series.LastIndexOf(':');
        return colon < 0 ? series : series[..colon];
    }
}

namespace Orleans.Betting.Drills;

/// <summary>The faults the built-in odds simulator can inject (the client's <c>sim fault --kind</c>).</summary>
public enum FaultKind : byte
{
    Http500,
    Latency,
    Malformed,
    Reset,
    RateLimit,
}

/// <summary>Fault kinds by the names the client takes: http500, latency, malformed, reset, rate-limit.</summary>
public static class FaultKinds
{
    private static readonly (FaultKind Kind, string Name)[] All =
    [
        (FaultKind.Http500, "http500"),
        (FaultKind.Latency, "latency"),
        (FaultKind.Malformed, "malformed"),
        (FaultKind.Reset, "reset"),
        (FaultKind.RateLimit, "rate-limit"),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(k => k.Name)];

    public static string Name(this FaultKind kind) => All.Single(k => k.Kind == kind).Name;

    public static bool TryParse(string? name, out FaultKind kind)
    {
        foreach (var (k, n) in All)
        {
            if (string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}

namespace Orleans.Betting.Silo.Health;

/// <summary>Health-check data keys the auditor reads to place a check in the component graph.</summary>
public static class AuditData
{
    public const string Kind = "kind";
    public const string DependsOn = "dependsOn";

    public static IReadOnlyDictionary<string, object> Node(string kind, params string[] dependsOn) =>
        new Dictionary<string, object> { [Kind] = kind, [DependsOn] = dependsOn };
}

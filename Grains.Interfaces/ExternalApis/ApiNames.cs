namespace Orleans.Betting.ExternalApis;

/// <summary>The external APIs the cluster governs, each with its token-bucket grain of the same name.</summary>
public static class ApiNames
{
    public const string Odds = "odds";
    public const string FootballData = "football-data";

    /// <summary>Not governed by a bucket (our own alerts); named for its resilience options.</summary>
    public const string Webhook = "webhook";

    public static IReadOnlyList<string> All { get; } = [Odds, FootballData];
}

namespace Orleans.Betting.Health;

/// <summary>The anomaly models a silo offers, and the one configuration names.</summary>
public static class AnomalyModels
{
    /// <summary>The factory named <paramref name="model"/> (case-insensitive); the last registered wins, so a silo can replace a built-in one.</summary>
    public static IAnomalyDetectorFactory Choose(IEnumerable<IAnomalyDetectorFactory> factories, string model) =>
        factories.LastOrDefault(f => string.Equals(f.Model, model, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException(
            $"Betting:Health:Detector:Model '{model}': no such anomaly model; the silo offers {string.Join(", ", factories.Select(f => f.Model).Distinct())}"
        );
}

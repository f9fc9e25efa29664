namespace Orleans.Betting.Health;

/// <summary>
/// A model judging one monitored series point by point: fed every sample's value in order, it answers an
/// <see cref="Anomaly"/> when the point (or the run of points ending at it) is not what the series does normally.
/// Implementations keep their own state; the monitor re-feeds the stored points after a restart.
/// </summary>
public interface IAnomalyDetector
{
    string Series { get; }

    Anomaly? Add(double value);
}

/// <summary>
/// Makes the detectors of one model (<c>Betting:Health:Detector:Model</c> names it). Register another
/// implementation in the silo's services and name it in configuration to plug in another model (a trained one
/// behind an inference runtime, say); the monitor asks it for each series it watches.
/// </summary>
public interface IAnomalyDetectorFactory
{
    /// <summary>The model's name in configuration ("robust", "ewma").</summary>
    string Model { get; }

    IAnomalyDetector Create(string series, DetectorSettings settings);
}

/// <summary>The default model: <see cref="SeriesDetector"/> (robust baseline, CUSUM shifts, Mann–Kendall trends).</summary>
public sealed class RobustDetectorFactory : IAnomalyDetectorFactory
{
    public const string Name = "robust";

    public string Model => Name;

    public IAnomalyDetector Create(string series, DetectorSettings settings) => new SeriesDetector(series, settings);
}

/// <summary>The exponentially weighted model: <see cref="EwmaDetector"/>.</summary>
public sealed class EwmaDetectorFactory : IAnomalyDetectorFactory
{
    public const string Name = "ewma";

    public string Model => Name;

    public IAnomalyDetector Create(string series, DetectorSettings settings) => new EwmaDetector(series, settings);
}

using Orleans.Betting.Health;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Health;

/// <summary>The detectors on generated minute series (a simulated day = 1,440 points) with known anomalies, seeded.</summary>
public sealed class AnomalyDetectorTests(ITestOutputHelper output)
{
    private const int Day = 1440;
    private const double Level = 100,
        Sigma = 5;

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Runs a day with an anomaly injected at <paramref name="onset"/>; returns the delay to detection (null: missed) and the false alarms before it.</summary>
    private static (int? Delay, int FalseAlarms) Run(
        int seed,
        int onset,
        Func<int, double> anomaly,
        int allowedDelay,
        IAnomalyDetectorFactory? model = null
    )
    {
        var random = new Random(seed);
        var detector = (model ?? new RobustDetectorFactory()).Create("test", new DetectorSettings());
        int? delay = null;
        var falseAlarms = 0;
        for (var t = 0; t < Day; t++)
        {
            var value = Level + Sigma * Gaussian(random) + (t >= onset ? anomaly(t - onset) : 0);
            if (detector.Add(value) is { } found)
            {
                if (t < onset || (delay is not null) || t > onset + allowedDelay)
                {
                    falseAlarms += t < onset ? 1 : 0;
                }
                else
                {
                    delay = t - onset;
                }
            }
        }

        return (delay, falseAlarms);
    }

    [Fact]
    public void TheEwmaModelFindsSpikesAndShiftsAndNormalDaysStayQuiet()
    {
        const int cases = 40;
        var model = new EwmaDetectorFactory();
        var random = new Random(2027);
        var spikes = new List<(int? Delay, int FalseAlarms)>();
        var shifts = new List<(int? Delay, int FalseAlarms)>();
        for (var i = 0; i < cases; i++)
        {
            var onset = random.Next(300, Day - 400);
            spikes.Add(Run(1100 + i, onset, d => d == 0 ? 12 * Sigma : 0, 0, model));
            shifts.Add(Run(2100 + i, onset, _ => 3 * Sigma, 60, model));
        }

        var alarms = Enumerable.Range(0, 30).Sum(d => Run(5100 + d, int.MaxValue, _ => 0, 0, model).FalseAlarms);
        output.WriteLine(
            $"ewma: spikes {spikes.Count(r => r.Delay is not null)}/{cases}, shifts {shifts.Count(r => r.Delay is not null)}/{cases} "
                + $"(delay mean {shifts.Where(r => r.Delay is not null).Select(r => r.Delay!.Value).DefaultIfEmpty().Average():F1} min), {alarms} false alarms in 30 days"
        );
        Assert.True(spikes.Count(r => r.Delay is not null) >= 0.95 * cases);
        Assert.True(shifts.Count(r => r.Delay is not null) >= 0.95 * cases);
        Assert.True(alarms <= 30, $"{alarms} false alarms in 30 days");
        Assert.StartsWith(
            "ewma:",
            new EwmaDetector("x", new DetectorSettings(WarmUp: 5, Shifts: false)) is var d && Feed(d) is { } a ? a.Evidence : "",
            StringComparison.Ordinal
        );

        static Anomaly? Feed(IAnomalyDetector detector)
        {
            for (var i = 0; i < 20; i++)
            {
                detector.Add(100 + (i % 3));
            }

            return detector.Add(1000);
        }
    }

    [Fact]
    public void TheModelIsChosenByNameAndAnUnknownOneIsRefusedNamingTheKey()
    {
        IAnomalyDetectorFactory[] offered = [new RobustDetectorFactory(), new EwmaDetectorFactory()];
        Assert.IsType<SeriesDetector>(AnomalyModels.Choose(offered, "robust").Create("s", new DetectorSettings()));
        Assert.IsType<EwmaDetector>(AnomalyModels.Choose(offered, "EWMA").Create("s", new DetectorSettings()));
        var e = Assert.Throws<InvalidOperationException>(() => AnomalyModels.Choose(offered, "onnx"));
        Assert.Contains("Betting:Health:Detector:Model 'onnx'", e.Message, StringComparison.Ordinal);
        Assert.Contains("robust, ewma", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpikesLevelShiftsAndLeaksAreFoundAndNormalDaysStayQuiet()
    {
        const int cases = 40;
        var random = new Random(2026);
        var results = new Dictionary<string, List<(int? Delay, int FalseAlarms)>>
        {
            ["spike"] = [],
            ["level shift"] = [],
            ["slow leak"] = [],
        };
        for (var i = 0; i < cases; i++)
        {
            var onset = random.Next(300, Day - 400);
            results["spike"].Add(Run(1000 + i, onset, d => d == 0 ? 12 * Sigma : 0, 0));
            results["level shift"].Add(Run(2000 + i, onset, _ => 3 * Sigma, 60));
            results["slow leak"].Add(Run(3000 + i, onset, d => 0.05 * Sigma * d, 300)); // +15σ over 5 hours
        }

        foreach (var (kind, list) in results)
        {
            var detected = list.Count(r => r.Delay is not null);
            var delays = list.Where(r => r.Delay is not null).Select(r => r.Delay!.Value).ToList();
            output.WriteLine(
                $"{kind}: detected {detected}/{list.Count}, delay mean {delays.DefaultIfEmpty().Average():F1} max {delays.DefaultIfEmpty().Max()} min, "
                    + $"false alarms before onset {list.Sum(r => r.FalseAlarms)}"
            );
            Assert.True(detected >= 0.95 * list.Count, $"{kind}: {detected}/{list.Count} detected");
        }

        // Thirty normal days: at most one false alarm per day (we ask for far fewer).
        var alarms = 0;
        for (var d = 0; d < 30; d++)
        {
            alarms += Run(5000 + d, int.MaxValue, _ => 0, 0).FalseAlarms;
        }

        output.WriteLine($"normal: {alarms} false alarms in 30 simulated days");
        Assert.True(alarms <= 30, $"{alarms} false alarms in 30 days");
        Assert.True(alarms <= 3, $"{alarms} false alarms in 30 days: the detectors are too jumpy");
    }

    [Fact]
    public void RobustStatisticsAndTheTrendTest()
    {
        var (median, scale) = SeriesDetector.MedianAndScale([1, 2, 3, 4, 100]);
        Assert.Equal(3, median);
        Assert.Equal(1.4826, scale, 4); // MAD 1: the outlier does not widen the spread
        Assert.True(SeriesDetector.MannKendallZ(Enumerable.Range(0, 50).Select(i => (double)i).ToArray()) > 9);
        Assert.Equal(0, SeriesDetector.MannKendallZ([1, 1, 1, 1]));
    }
}

using Orleans.Betting.Market;

namespace Orleans.Betting.Quant;

// The season's shape and the seeded randomness: strengths that drift, the round robin, kick-off slots, Normal and Poisson draws.
public static partial class MarketSimulator
{
    private static void Drift(Random random, double[] attack, double[] defence)
    {
        for (var t = 0; t < attack.Length; t++)
        {
            attack[t] += Normal(random, 0, DriftPerRound);
            defence[t] += Normal(random, 0, DriftPerRound);
        }

        var meanAttack = attack.Average();
        var meanDefence = defence.Average();
        for (var t = 0; t < attack.Length; t++)
        {
            attack[t] -= meanAttack;
            defence[t] -= meanDefence;
        }
    }

    /// <summary>Double round robin by the circle method: every pair meets home and away.</summary>
    private static List<List<(int Home, int Away)>> RoundRobin(int n)
    {
        var rotation = Enumerable.Range(1, n - 1).ToList();
        var first = new List<List<(int, int)>>();
        for (var r = 0; r < n - 1; r++)
        {
            var round = new List<(int, int)>();
            var order = new List<int> { 0 };
            order.AddRange(rotation);
            for (var i = 0; i < n / 2; i++)
            {
                var a = order[i];
                var b = order[n - 1 - i];
                round.Add(r % 2 == 0 ? (a, b) : (b, a));
            }

            first.Add(round);
            rotation.Insert(0, rotation[^1]);
            rotation.RemoveAt(rotation.Count - 1);
        }

        var second = first.Select(round => round.Select(p => (p.Item2, p.Item1)).ToList()).ToList();
        return [.. first, .. second];
    }

    private static TimeSpan SlotTime(int k) =>
        (k % 5) switch
        {
            0 => new TimeSpan(11, 30, 0),
            1 or 2 => new TimeSpan(14, 0, 0),
            3 => new TimeSpan(16, 30, 0),
            _ => new TimeSpan(1, 13, 0, 0), // Sunday
        };

    private static DateTime FirstSaturdayOnOrAfter(DateTime day) => day.AddDays(((int)DayOfWeek.Saturday - (int)day.DayOfWeek + 7) % 7);

    private static int ParseSeasonStart(string season)
    {
        return SeasonName.TryParseStart(season, out var a) && a is > 1900 and < 2200
            ? a
            : throw new QuantException($"season '{season}': expected yyyy-yyyy with consecutive years");
    }

    private static double Normal(Random random, double mean, double sd)
    {
        // Box–Muller: two uniforms, one normal (the other is discarded to keep the stream simple).
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static int Poisson(Random random, double lambda)
    {
        // Knuth's product of uniforms: exact, and fast for football-sized rates.
        var limit = Math.Exp(-lambda);
        var k = 0;
        var product = random.NextDouble();
        while (product > limit && k < 30)
        {
            k++;
            product *= random.NextDouble();
        }

        return k;
    }
}

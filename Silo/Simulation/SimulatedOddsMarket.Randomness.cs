using Orleans.Betting.Quant;

namespace Orleans.Betting.Silo.Simulation;

// Deterministic randomness: every figure is a hash of (seed, sport, event, tick), so any tick can be computed in any order.
public sealed partial class SimulatedOddsMarket
{
    private (double Home, double Away) Rates(int sport, long eventNumber, long tick)
    {
        var (home, away) = TeamIndices(sport, eventNumber);
        var difference = Strength(sport, home) - Strength(sport, away);
        var shift = Shift(sport, eventNumber, tick);
        return (Math.Exp(0.30 + 0.12 + 0.5 * difference + shift / 2), Math.Exp(0.30 - 0.5 * difference - shift / 2));
    }

    private double Strength(int sport, int team) => 0.35 * Normal(Mix((ulong)options.Seed, (ulong)sport, (ulong)team, 0x57), 0x57);

    /// <summary>The true state's shift at a tick: a seeded walk from the tick the event was listed, plus injected jumps.</summary>
    private double Shift(int sport, long eventNumber, long tick)
    {
        var listed = Tick(Kickoff(eventNumber) - options.EventsAhead * options.EventSpacing);
        if (tick <= listed)
        {
            return Injected(sport, eventNumber, tick);
        }

        // Cumulative walk per tick since listing, extended on demand (books ask for lagged ticks too).
        var path = walks.GetOrAdd((sport, eventNumber), _ => [0.0]);
        lock (path)
        {
            for (var t = listed + path.Count; t <= tick; t++)
            {
                var step = options.DriftPerTick * Normal(Mix((ulong)options.Seed, (ulong)sport, (ulong)eventNumber, (ulong)t), (ulong)t);
                if (Unit(sport, eventNumber, t, 0x57EA) < options.SteamProbabilityPerTick)
                {
                    step += Unit(sport, eventNumber, t, 0x57EB) < 0.5 ? -options.SteamSize : options.SteamSize;
                }

                path.Add(path[^1] + step);
            }

            return path[(int)(tick - listed)] + Injected(sport, eventNumber, tick);
        }
    }

    private double Injected(int sport, long eventNumber, long tick) =>
        injected.TryGetValue((sport, eventNumber), out var moves) ? moves.Where(m => m.Tick <= tick).Sum(m => m.Shift) : 0;

    private static double Price(double probability, double margin, bool american)
    {
        var price = Math.Max(1.01, Math.Round(1.0 / (probability * (1 + margin)), 2));
        return american ? Math.Round(OddsMath.ToAmerican(price)) : price;
    }

    private double Unit(int sport, long eventNumber, long a, long b) =>
        (Mix((ulong)options.Seed ^ ((ulong)b << 32), (ulong)sport, (ulong)eventNumber, (ulong)a) >> 11) * (1.0 / (1UL << 53));

    private static double Normal(ulong bits, ulong salt)
    {
        var u1 = ((bits >> 11) + 1) * (1.0 / ((1UL << 53) + 1));
        var u2 = (Mix(bits, salt, 0x9E37, 0x79B9) >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static int Poisson(double lambda, double unit)
    {
        var p = Math.Exp(-lambda);
        var cumulative = p;
        var k = 0;
        while (unit > cumulative && k < 15)
        {
            k++;
            p *= lambda / k;
            cumulative += p;
        }

        return k;
    }

    /// <summary>SplitMix64 finaliser over the inputs: a stateless, seeded hash for reproducible draws.</summary>
    private static ulong Mix(ulong a, ulong b, ulong c, ulong d)
    {
        var x = a * 0x9E3779B97F4A7C15UL ^ b * 0xBF58476D1CE4E5B9UL ^ c * 0x94D049BB133111EBUL ^ d * 0xD6E8FEB86659FD93UL;
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

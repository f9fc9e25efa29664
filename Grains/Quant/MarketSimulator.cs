using Orleans.Betting.Market;

namespace Orleans.Betting.Quant;

/// <summary>
/// A synthetic football market, deterministic by seed and shaped exactly like imported data.
/// Teams have attack/defence strengths that drift round by round; goals are Poisson. The sharp
/// book (Pinnacle) prices near the truth with a small margin; soft books add a larger margin with
/// a favourite–longshot bias and more noise; closing prices sit closer to the truth than opening
/// ones. Every such price is capped at the true fair odds, so without a plant no price anywhere
/// ever exceeds fair value (the edge-free control), except in the <see cref="MarketRealism.Uncapped"/>
/// market, where books err both ways as real ones do. The stale-book plant adds one soft book
/// (<see cref="PriceSource.SoftBook"/>) that prices from ratings a season out of date (those of
/// the previous season's start) and is not capped: wherever strengths drifted, it offers value.
/// The value-book plant is sized: the <see cref="PriceSource.ValueBook"/> (present in every market,
/// priced like the other capped books) offers, on a seeded share of matches, one 1X2 outcome at
/// exactly the plant's expected value over the true probability. Its draws come from a stream of
/// their own, so a planted market and its control differ in those prices and nothing else.
/// </summary>
public static partial class MarketSimulator
{
    public const PriceSource StaleBook = PriceSource.SoftBook;

    private static readonly (PriceSource Source, double Margin, double OpenNoise, double CloseNoise, double Bias)[] Books =
    [
        (PriceSource.Pinnacle, 0.025, 0.06, 0.02, 0.0),
        (PriceSource.Bet365, 0.055, 0.10, 0.06, 0.25),
        (PriceSource.WilliamHill, 0.065, 0.10, 0.07, 0.30),
        (PriceSource.BetAndWin, 0.06, 0.11, 0.07, 0.25),
        (PriceSource.Ladbrokes, 0.07, 0.11, 0.07, 0.35),
        (PriceSource.ValueBook, 0.05, 0.10, 0.06, 0.25),
    ];

    private const double StaleMargin = 0.045;

    /// <summary>
    /// <see cref="MarketRealism.Calibrated"/>: the opening market's shared error (logit scale), which
    /// every book's opening belief starts from and the close corrects; sized on the shared real leagues
    /// (the `market-realism` benchmark). The close keeps the classic noise: a noisier close, capped at
    /// fair value like every price, is biased upward in ratio for long shots (measured: +0.19 % mean
    /// CLV on bets at exactly fair value with the close's noise tripled), which the gate reads as edge.
    /// </summary>
    internal const double CalibratedOpeningError = 0.11;

    /// <summary>
    /// <see cref="MarketRealism.Uncapped"/>: the shared opening error and each book's own opening
    /// noise as a share of its classic noise (Pinnacle's, the others'). Real books largely copy one
    /// another, so what they share is most of their error; sized on the shared real leagues so that
    /// booksums, the best price's lead over the average, Pinnacle's opening-to-closing movement, the
    /// best-price rule's bets and the spread and mean of its CLV are each within ±30 % (`market-realism`).
    /// </summary>
    internal const double UncappedOpeningError = 0.10;

    private const double UncappedSharpNoiseShare = 0.4;
    private const double UncappedSoftNoiseShare = 0.55;
    private const double BaseRate = 0.15;
    private const double HomeAdvantage = 0.25;
    private const double DriftPerRound = 0.03;

    public static IReadOnlyList<SeasonData> Generate(SimulationOptions options, CancellationToken cancellationToken = default) =>
        Generate(options, truthObserver: null, cancellationToken);

    /// <summary>As <see cref="Generate(SimulationOptions, CancellationToken)"/>, also reporting each match's true probabilities (tests check the control against them).</summary>
    internal static IReadOnlyList<SeasonData> Generate(
        SimulationOptions options,
        Action<string, MarketProbabilities>? truthObserver,
        CancellationToken cancellationToken = default,
        Action<string, int>? plantObserver = null
    )
    {
        if (options.Leagues is < 1 or > 50)
        {
            throw new QuantException($"leagues {options.Leagues}: expected 1 to 50");
        }

        if (options.TeamsPerLeague is < 4 or > 40 || options.TeamsPerLeague % 2 != 0)
        {
            throw new QuantException($"teams per league {options.TeamsPerLeague}: expected an even number from 4 to 40");
        }

        if (options.Seasons.Count == 0)
        {
            throw new QuantException("at least one season is needed");
        }

        var result = new List<SeasonData>();
        var source = $"synthetic:seed={options.Seed},plant={options.Plant}";
        for (var league = 0; league < options.Leagues; league++)
        {
            var code = $"S{league + 1}";
            // Not HashCode.Combine: it is randomised per process, and the same seed must give the same market everywhere.
            var random = new Random(unchecked(options.Seed * 1_000_003 + league * 7_919 + 0x5EED));
            var plantRandom = new Random(unchecked(options.Seed * 1_000_003 + league * 7_919 + 0x91A47));
            var n = options.TeamsPerLeague;
            var attack = new double[n];
            var defence = new double[n];
            for (var t = 0; t < n; t++)
            {
                attack[t] = Normal(random, 0, 0.2);
                defence[t] = Normal(random, 0, 0.2);
            }

            // The stale book's ratings: frozen a full season behind (as they stood when the previous
            // season started; in the first season, at its own start), so its error is there all season.
            var lastStartAttack = (double[])attack.Clone();
            var lastStartDefence = (double[])defence.Clone();
            foreach (var season in options.Seasons)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var startYear = ParseSeasonStart(season);
                var staleAttack = lastStartAttack;
                var staleDefence = lastStartDefence;
                lastStartAttack = (double[])attack.Clone();
                lastStartDefence = (double[])defence.Clone();
                var matches = new List<MatchRecord>();
                var rounds = RoundRobin(n);
                var firstSaturday = FirstSaturdayOnOrAfter(new DateTime(startYear, 8, 8, 0, 0, 0, DateTimeKind.Utc));
                for (var r = 0; r < rounds.Count; r++)
                {
                    for (var k = 0; k < rounds[r].Count; k++)
                    {
                        var (home, away) = rounds[r][k];
                        var kickoff = firstSaturday.AddDays(7 * r) + SlotTime(k);
                        var match = SimulateMatch(
                            random,
                            code,
                            season,
                            kickoff,
                            home,
                            away,
                            attack,
                            defence,
                            staleAttack,
                            staleDefence,
                            options.Plant,
                            plantRandom,
                            out var truth,
                            out var plantedSide,
                            options.Realism
                        );
                        truthObserver?.Invoke(match.Id, truth);
                        if (plantObserver is not null && plantedSide >= 0)
                        {
                            plantObserver(match.Id, plantedSide);
                        }

                        matches.Add(match);
                    }

                    Drift(random, attack, defence);
                }

                result.Add(
                    new SeasonData(
                        code,
                        season,
                        matches.OrderBy(m => m.KickoffUtc).ThenBy(m => m.Id, StringComparer.Ordinal).ToArray(),
                        source
                    )
                );

                // Close season: partial regression to the mean, plus a summer of transfers.
                for (var t = 0; t < n; t++)
                {
                    attack[t] = 0.8 * attack[t] + Normal(random, 0, 0.08);
                    defence[t] = 0.8 * defence[t] + Normal(random, 0, 0.08);
                }
            }
        }

        return result;
    }

    private static MatchRecord SimulateMatch(
        Random random,
        string league,
        string season,
        DateTime kickoff,
        int home,
        int away,
        double[] attack,
        double[] defence,
        double[] staleAttack,
        double[] staleDefence,
        MarketPlant plant,
        Random plantRandom,
        out MarketProbabilities truth,
        out int plantedOutcome,
        MarketRealism realism = MarketRealism.Classic
    )
    {
        var lambdaHome = Math.Exp(BaseRate + HomeAdvantage + attack[home] - defence[away]);
        var lambdaAway = Math.Exp(BaseRate + attack[away] - defence[home]);
        truth = MarketProbabilities.From(lambdaHome, lambdaAway);
        var quotes = new List<Quote>(128);

        // Drawn for every match whatever the plant, so the plant's share and sides are the same seeded draw in every market.
        var plantedHere = plantRandom.NextDouble() < plant.Share;
        var plantedSide = plantRandom.Next(3);
        var plantedPrice = Math.Round((1 + plant.Edge) / truth.X12[plantedSide], 3);
        plantedHere &= plant.Kind == PlantedEdge.ValueBook && plantedPrice >= 1.01;
        plantedOutcome = plantedHere ? plantedSide : -1;

        // Opening and closing beliefs of each book: the truth plus noise that shrinks towards kick-off.
        // Calibrated, the opening books start from one shared opening error (the market's, corrected by
        // the close); classic, from the truth (no extra draws, so classic markets are unchanged).
        // Uncapped, books err both ways around that shared error (no price is capped at fair value).
        var cap = realism != MarketRealism.Uncapped;
        var sharedError = realism switch
        {
            MarketRealism.Calibrated => CalibratedOpeningError,
            MarketRealism.Uncapped => UncappedOpeningError,
            _ => 0,
        };
        var openingX12 = sharedError > 0 ? Perturb(random, truth.X12, sharedError) : truth.X12;
        var openingOu = sharedError > 0 ? Perturb(random, truth.Ou, sharedError) : truth.Ou;
        var openingAh = sharedError > 0 ? Perturb(random, truth.Ah, sharedError) : truth.Ah;
        var panel = new List<(PriceSource Source, Phase Phase, double[] X12, double[] Ou, double[] Ah)>();
        foreach (var phase in new[] { Phase.Opening, Phase.Closing })
        {
            var opening = phase == Phase.Opening;
            foreach (var (book, margin, openNoise, closeNoise, bias) in Books)
            {
                var noise =
                    !opening ? closeNoise
                    : cap ? openNoise
                    : openNoise * (book == PriceSource.Pinnacle ? UncappedSharpNoiseShare : UncappedSoftNoiseShare);
                var x12 = Price(Perturb(random, opening ? openingX12 : truth.X12, noise), truth.X12, margin, bias, cap);
                if (plantedHere && book == PriceSource.ValueBook)
                {
                    x12[plantedSide] = plantedPrice;
                }

                var ou = Price(Perturb(random, opening ? openingOu : truth.Ou, noise), truth.Ou, margin, bias, cap);
                var ah = Price(Perturb(random, opening ? openingAh : truth.Ah, noise), truth.Ah, margin, bias, cap);
                panel.Add((book, phase, x12, ou, ah));
            }

            if (plant.Kind == PlantedEdge.StaleBook)
            {
                var stale = MarketProbabilities.From(
                    Math.Exp(BaseRate + HomeAdvantage + staleAttack[home] - staleDefence[away]),
                    Math.Exp(BaseRate + staleAttack[away] - staleDefence[home]),
                    truth.AhLine
                );
                panel.Add(
                    (
                        StaleBook,
                        phase,
                        Price(stale.X12, truth.X12, StaleMargin, 0, cap: false),
                        Price(stale.Ou, truth.Ou, StaleMargin, 0, cap: false),
                        Price(stale.Ah, truth.Ah, StaleMargin, 0, cap: false)
                    )
                );
            }
        }

        foreach (var (source, phase, x12, ou, ah) in panel)
        {
            Add(quotes, source, phase, x12, ou, ah, truth.AhLine);
        }

        // Market aggregates over the panel, per outcome, exactly as football-data's Max/Avg columns.
        foreach (var phase in new[] { Phase.Opening, Phase.Closing })
        {
            var books = panel.Where(p => p.Phase == phase).ToArray();
            double[] Agg(Func<(PriceSource, Phase, double[], double[], double[]), double[]> pick, int len, bool max) =>
                Enumerable
                    .Range(0, len)
                    .Select(i =>
                    {
                        var quoted = books.Select(b => pick(b)[i]).Where(p => !double.IsNaN(p)).ToArray();
                        return quoted.Length == 0 ? double.NaN
                            : max ? quoted.Max()
                            : Math.Floor(quoted.Average() * 100) / 100;
                    })
                    .ToArray();
            Add(
                quotes,
                PriceSource.MarketMax,
                phase,
                Agg(b => b.Item3, 3, true),
                Agg(b => b.Item4, 2, true),
                Agg(b => b.Item5, 2, true),
                truth.AhLine
            );
            Add(
                quotes,
                PriceSource.MarketAvg,
                phase,
                Agg(b => b.Item3, 3, false),
                Agg(b => b.Item4, 2, false),
                Agg(b => b.Item5, 2, false),
                truth.AhLine
            );
        }

        var homeGoals = Poisson(random, lambdaHome);
        var awayGoals = Poisson(random, lambdaAway);
        var homeName = $"{league}-T{home + 1:00}";
        var awayName = $"{league}-T{away + 1:00}";
        return new MatchRecord(
            MatchId.Format(league, season, kickoff, homeName, awayName),
            league,
            season,
            kickoff,
            homeName,
            awayName,
            new MatchResult(homeGoals, awayGoals, null, null),
            quotes.ToArray()
        );
    }
}

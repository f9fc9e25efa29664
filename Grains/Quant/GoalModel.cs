namespace Orleans.Betting.Quant;

/// <summary>
/// Score probabilities from two goal rates: independent Poisson goals with the Dixon–Coles
/// low-score correction τ (none when ρ = 0), truncated at <see cref="MaxGoals"/> each. Used by the
/// market simulator (the truth) and the Poisson strategy family (a belief).
/// </summary>
public static class GoalModel
{
    public const int MaxGoals = 10;
    public const int Size = MaxGoals + 1;

    /// <summary>Fills <paramref name="grid"/>[home·Size + away] with unnormalised score probabilities.</summary>
    public static void ScoreGrid(double lambdaHome, double lambdaAway, double rho, Span<double> grid)
    {
        Span<double> home = stackalloc double[Size];
        Span<double> away = stackalloc double[Size];
        Pmf(lambdaHome, home);
        Pmf(lambdaAway, away);
        for (var h = 0; h < Size; h++)
        {
            for (var a = 0; a < Size; a++)
            {
                var p = home[h] * away[a];
                if (rho != 0 && h <= 1 && a <= 1)
                {
                    var tau = (h, a) switch
                    {
                        (0, 0) => 1 - lambdaHome * lambdaAway * rho,
                        (0, 1) => 1 + lambdaHome * rho,
                        (1, 0) => 1 + lambdaAway * rho,
                        _ => 1 - rho,
                    };
                    p *= Math.Max(0, tau);
                }

                grid[h * Size + a] = p;
            }
        }
    }

    /// <summary>Home win, draw, away win and over-2.5 as shares of the grid's total.</summary>
    public static (double Home, double Draw, double Away, double Over) Outcomes(ReadOnlySpan<double> grid)
    {
        double home = 0,
            draw = 0,
            away = 0,
            over = 0;
        for (var h = 0; h < Size; h++)
        {
            for (var a = 0; a < Size; a++)
            {
                var p = grid[h * Size + a];
                if (h > a)
                {
                    home += p;
                }
                else if (h == a)
                {
                    draw += p;
                }
                else
                {
                    away += p;
                }

                if (h + a > 2)
                {
                    over += p;
                }
            }
        }

        var total = home + draw + away;
        return (home / total, draw / total, away / total, over / total);
    }

    private static void Pmf(double lambda, Span<double> pmf)
    {
        pmf[0] = Math.Exp(-lambda);
        for (var k = 1; k < pmf.Length; k++)
        {
            pmf[k] = pmf[k - 1] * lambda / k;
        }
    }
}

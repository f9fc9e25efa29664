namespace Orleans.Betting.Agents.Decisions;

/// <summary>
/// How many candidates to generate: what fits the real time a cycle may spend (its share of the
/// clock's window; on replay's virtual time, the cap), cut when recent runs yielded nothing (diminishing returns) and zero when every
/// deployment slot is taken and nothing needs replacing.
/// </summary>
public static class CandidateBudget
{
    public static (int Candidates, IReadOnlyList<string> Reasons) Decide(BudgetInputs inputs)
    {
        var reasons = new List<string>();
        if (inputs.FreeCapacity <= 0)
        {
            reasons.Add("every deployment slot is taken: no search this cycle");
            return (0, reasons);
        }

        int fits;
        if (inputs.SecondsAvailable is { } seconds)
        {
            var perCandidate = Math.Max(0.001, inputs.SecondsPerCandidate);
            fits = (int)Math.Floor(seconds / perCandidate);
            reasons.Add($"{seconds:F1} s available at {perCandidate * 1000:F0} ms per candidate fits {fits}");
        }
        else
        {
            // The ledger must not depend on how fast the machine or the clock is: the cap is the budget.
            fits = inputs.Maximum;
            reasons.Add($"replay time waits for the search: the budget is the cap of {inputs.Maximum}");
        }

        var budget = Math.Min(inputs.Maximum, fits);
        var recent = inputs.RecentRuns.TakeLast(3).ToList();
        if (recent.Count == 3 && recent.All(r => r.Deployed == 0))
        {
            budget /= 2;
            reasons.Add("the last 3 runs deployed nothing: marginal yield is low, budget halved");
        }
        else if (recent.Count > 0 && recent[^1].Deployed > 0)
        {
            reasons.Add($"the last run deployed {recent[^1].Deployed} from {recent[^1].Candidates}: full budget");
        }

        if (budget < inputs.Minimum)
        {
            reasons.Add(
                fits < inputs.Minimum
                    ? $"below the minimum useful search of {inputs.Minimum}: skip this cycle"
                    : $"raised to the minimum useful search of {inputs.Minimum}"
            );
            budget = fits < inputs.Minimum ? 0 : inputs.Minimum;
        }

        return (budget / 10 * 10, reasons);
    }
}

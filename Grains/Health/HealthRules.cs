using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Health;

/// <summary>
/// The threshold and business rules over one sample (the statistical detectors run beside them on
/// the sampled series). Pure: the same sample gives the same findings.
/// </summary>
public static class HealthRules
{
    /// <summary>Subjects a sample cannot judge: APIs with no upstream attempt in the interval.</summary>
    public static IReadOnlySet<string> Silent(HealthSample sample) =>
        sample.Apis.Where(a => a.Attempts == 0).Select(a => $"api:{a.Api}").ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A quiet interval's sample with a probe's evidence as its one attempt: an answer counts clean, a
    /// failure as the failure it was; a probe our own governor held back says nothing (still silent).
    /// </summary>
    public static ApiSample FromProbe(ApiSample quiet, ApiProbeResult probe) =>
        probe.Evidence switch
        {
            ApiProbeEvidence.Answered => quiet with { Attempts = 1, MeanLatencyMs = probe.LatencyMs },
            ApiProbeEvidence.HttpError => quiet with { Attempts = 1, HttpErrors = 1 },
            ApiProbeEvidence.Connection => quiet with { Attempts = 1, ConnectionErrors = 1 },
            ApiProbeEvidence.Timeout => quiet with { Attempts = 1, Timeouts = 1 },
            ApiProbeEvidence.Malformed => quiet with { Attempts = 1, Malformed = 1 },
            _ => quiet,
        };

    public static IReadOnlyList<Finding> Check(HealthSample sample, RuleSettings? settings = null)
    {
        var s = settings ?? new RuleSettings();
        var findings = new List<Finding>();
        foreach (var api in sample.Apis)
        {
            // An open circuit breaker is a mitigation already at work, not a finding: the errors that opened it are.
            var subject = $"api:{api.Api}";
            if (api.Attempts == 0)
            {
                continue;
            }

            var attempts = (double)api.Attempts;
            if (api.HttpErrors / attempts >= s.ErrorRate)
            {
                findings.Add(
                    new Finding(
                        subject,
                        $"{subject}:error_rate",
                        AnomalyKind.ErrorBurst,
                        Severity.Critical,
                        $"{api.HttpErrors} of {api.Attempts} attempts failed with HTTP errors (≥ {s.ErrorRate:P0})"
                    )
                );
            }

            if (api.ConnectionErrors / attempts >= s.ErrorRate)
            {
                findings.Add(
                    new Finding(
                        subject,
                        $"{subject}:connection_errors",
                        AnomalyKind.ConnectionFailures,
                        Severity.Critical,
                        $"{api.ConnectionErrors} of {api.Attempts} attempts lost their connection (≥ {s.ErrorRate:P0})"
                    )
                );
            }

            if (api.RateLimited > 0)
            {
                findings.Add(
                    new Finding(
                        subject,
                        $"{subject}:rate_limited",
                        AnomalyKind.RateLimited,
                        Severity.Warning,
                        $"{api.RateLimited} of {api.Attempts} attempts answered 429 Too Many Requests"
                    )
                );
            }

            if (api.Timeouts / attempts >= s.TimeoutRate)
            {
                findings.Add(
                    new Finding(
                        subject,
                        $"{subject}:latency_ms",
                        AnomalyKind.SlowResponses,
                        Severity.Warning,
                        $"{api.Timeouts} of {api.Attempts} attempts timed out"
                    )
                );
            }
            else if (api.MeanLatencyMs is { } latency && latency > s.SlowLatencyMs)
            {
                findings.Add(
                    new Finding(
                        subject,
                        $"{subject}:latency_ms",
                        AnomalyKind.SlowResponses,
                        Severity.Warning,
                        $"mean attempt latency {latency:F0} ms > {s.SlowLatencyMs:F0} ms"
                    )
                );
            }

            if (api.Malformed > 0)
            {
                findings.Add(
                    new Finding(
                        subject,
                        $"{subject}:malformed",
                        AnomalyKind.MalformedResponses,
                        Severity.Warning,
                        $"{api.Malformed} responses were not valid JSON of the expected shape"
                    )
                );
            }
        }

        foreach (var component in sample.Components.Where(c => c.Status == ComponentStatus.Unhealthy))
        {
            findings.Add(
                new Finding(
                    component.Name,
                    $"{component.Name}:status",
                    AnomalyKind.Unreachable,
                    component.Kind is "storage" or "silo" ? Severity.Critical : Severity.Warning,
                    $"{component.Kind} {component.Name} is Unhealthy: {component.LastError ?? component.Description}"
                )
            );
        }

        foreach (var agent in sample.Agents.Where(a => a.State == Agents.AgentState.Faulted))
        {
            findings.Add(
                new Finding(
                    $"agent:{agent.Name}",
                    $"agent:{agent.Name}:state",
                    AnomalyKind.AgentFaulted,
                    Severity.Warning,
                    $"agent {agent.Name} is Faulted: {agent.Reason}"
                )
            );
        }

        foreach (var agent in sample.Agents.Where(a => a.RecordBytes > s.MaxAgentRecordKb * 1024))
        {
            findings.Add(
                new Finding(
                    $"agent:{agent.Name}",
                    $"agent:{agent.Name}:record_bytes",
                    AnomalyKind.LargeRecord,
                    Severity.Warning,
                    $"agent {agent.Name}'s record is {agent.RecordBytes / 1024.0:F0} KB, over {s.MaxAgentRecordKb:F0} KB (Betting:Health:Rules:MaxAgentRecordKb): every write rewrites it"
                )
            );
        }

        findings.AddRange(sample.Strategies.Select(st => CheckStrategy(st, s)).OfType<Finding>());

        foreach (var book in sample.Books)
        {
            var lag = book.FreshestUtc - book.LastUpdateUtc;
            if (lag > TimeSpan.FromMinutes(s.StaleMinutes))
            {
                findings.Add(
                    new Finding(
                        $"book:{book.Bookmaker}",
                        $"book:{book.Bookmaker}:lag_minutes",
                        AnomalyKind.StalePrices,
                        Severity.Warning,
                        $"{book.Bookmaker}'s {book.Sport} prices last changed {lag.TotalMinutes:F0} min before the freshest book's (> {s.StaleMinutes:F0} min)"
                    )
                );
            }
        }

        return findings;
    }

    /// <summary>
    /// A strategy drifts below its validated range when, after enough live bets, even the top of
    /// its live ROI's 95 % interval is under the bottom of the validated one, or its mean CLV is
    /// negative and clearly under the validated CLV.
    /// </summary>
    public static Finding? CheckStrategy(StrategyLiveSample st, RuleSettings? settings = null)
    {
        var s = settings ?? new RuleSettings();
        if (st.Paused || st.Bets - st.BetsAtResume < s.MinLiveBets)
        {
            return null;
        }

        var subject = $"strategy:{st.StrategyId}";
        var upper = st.Roi + s.RangeZ * st.ReturnSd / Math.Sqrt(st.Bets);
        if (upper < st.ValidatedRoiLow)
        {
            return new Finding(
                subject,
                $"{subject}:roi",
                AnomalyKind.BelowValidatedRange,
                Severity.Warning,
                $"live ROI {st.Roi:P1} over {st.Bets} bets (95 % upper bound {upper:P1}) is below the validated range (low {st.ValidatedRoiLow:P1})"
            );
        }

        if (st.MeanClv is { } clv && clv < 0 && st.ValidatedClv is { } validated && clv < validated - s.MinClvGap)
        {
            return new Finding(
                subject,
                $"{subject}:clv",
                AnomalyKind.BelowValidatedRange,
                Severity.Warning,
                $"live mean CLV {clv:P1} over {st.Bets} bets is below the validated {validated:P1}"
            );
        }

        return null;
    }
}

using Orleans.Betting.Agents;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market;
using Orleans.Betting.Strategies;

namespace Orleans.Betting.Health;

/// <summary>
/// The remediation actions and their undoes, as calls on the grains they act on (token buckets, live pollers,
/// request caches, agents, strategies, Orleans' management grain). The health monitor decides when; this acts.
/// </summary>
public sealed class RemediationActuator(IGrainFactory grains, HealthOptions settings, IReadOnlyList<string> liveSports)
{
    /// <summary>
    /// Takes the action. Fixes (pause, restart, collect) are verified by the outcome: "applied",
    /// judged later from VerifyFrom by whether the anomaly is gone. Mitigations (slower bucket,
    /// slower polling, a paused strategy) are verified by their effect, read back at once.
    /// </summary>
    public async Task<(string Detail, DateTime? VerifyFrom, StepResult Result)> ActAsync(
        Incident incident,
        string action,
        string reason,
        DateTime now
    )
    {
        var target = Target(incident);
        switch (action)
        {
            case RemediationActions.PauseApi:
            {
                var seconds = settings.PauseSeconds;
                await grains.GetGrain<ITokenBucketGrain>(target).PauseAsync(now.AddSeconds(seconds), reason);
                return (
                    $"{target}'s bucket paused for {seconds:F0} s cluster-wide (circuit open): no calls reach the API meanwhile",
                    now.AddSeconds(seconds),
                    StepResult.Applied
                );
            }

            case RemediationActions.SlowApi:
            {
                var bucket = grains.GetGrain<ITokenBucketGrain>(target);
                var current = await bucket.GetStateAsync();
                incident.BucketBefore ??= new TokenBucketSettings(current.TokensPerSecond, current.Burst);
                var slower = Math.Max(0.05, current.TokensPerSecond / 2);
                await bucket.ConfigureAsync(new TokenBucketSettings(slower, Math.Max(1, current.Burst / 2)));
                var after = await bucket.GetStateAsync();
                return (
                    $"{target}'s bucket slowed from {current.TokensPerSecond:0.##}/s to {after.TokensPerSecond:0.##}/s",
                    null,
                    Math.Abs(after.TokensPerSecond - slower) < 1e-9 ? StepResult.Verified : StepResult.Failed
                );
            }

            case RemediationActions.LowerPolling:
            {
                var factor = settings.PollingSlowdown;
                var sports = liveSports;
                var confirmed = 0;
                foreach (var sport in sports)
                {
                    var board = grains.GetGrain<ILiveOddsGrain>(sport);
                    await board.SetSlowdownAsync(factor, reason);
                    confirmed += (await board.GetBoardAsync()).Slowdown == factor ? 1 : 0;
                }

                return (
                    $"live polling of {(sports.Count == 0 ? "no sport" : string.Join(", ", sports))} {factor:0.#}× slower ({confirmed} confirmed)",
                    null,
                    confirmed == sports.Count ? StepResult.Verified : StepResult.Failed
                );
            }

            case RemediationActions.ClearCache:
            {
                var usage = await grains.GetGrain<IApiUsageGrain>(target).GetUsageAsync();
                var keys = usage.RecentMalformedKeys ?? [];
                await Task.WhenAll(keys.Select(k => grains.GetGrain<IOddsRequestGrain>(k).ClearAsync()));
                return (
                    $"cleared the cached responses of {keys.Count} request(s) that met malformed answers ({string.Join(", ", keys.Take(3))}); nothing malformed is ever cached",
                    null,
                    StepResult.Done
                );
            }

            case RemediationActions.RestartAgent:
            {
                var status = await grains.Agent(target).ResumeAsync($"{reason}: restart");
                return ($"agent {target} resumed ({status.State})", now, StepResult.Applied);
            }

            case RemediationActions.CollectActivations:
            {
                var management = grains.GetGrain<IManagementGrain>(0);
                await management.ForceActivationCollection(TimeSpan.FromMinutes(settings.CollectIdleMinutes));
                return ("idle activations deactivated on every silo", now, StepResult.Applied);
            }

            case RemediationActions.PauseStrategy:
            {
                var info = await grains.GetGrain<IStrategyGrain>(target).PauseAsync(reason + ": " + incident.Evidence);
                return (
                    $"strategy {target} paused (consensus weight {info.ConsensusWeight:0.###}); a human resumes it",
                    null,
                    info.PausedReason is not null && info.ConsensusWeight == 0 ? StepResult.Verified : StepResult.Failed
                );
            }

            default:
                return ("notified only: the system's own retries recover it; people are told", null, StepResult.Done);
        }
    }

    public async Task<string> UndoAsync(Incident incident, string undo, string reason)
    {
        var target = Target(incident);
        switch (undo)
        {
            case RemediationActions.ResumeApi:
            {
                var bucket = grains.GetGrain<ITokenBucketGrain>(target);
                if (
                    await bucket.GetStateAsync() is { Paused: true, PauseReason: { } why }
                    && why.StartsWith($"health incident {incident.Id}:", StringComparison.Ordinal)
                )
                {
                    await bucket.ResumeAsync();
                    return $"{target}'s bucket resumed";
                }

                return $"{target}'s bucket was no longer paused by this incident";
            }

            case RemediationActions.RestoreApi when incident.BucketBefore is { } original:
            {
                await grains.GetGrain<ITokenBucketGrain>(target).ConfigureAsync(original);
                return $"{target}'s bucket back to {original.TokensPerSecond:0.##}/s";
            }

            case RemediationActions.RestorePolling:
            {
                foreach (var sport in liveSports)
                {
                    await grains.GetGrain<ILiveOddsGrain>(sport).SetSlowdownAsync(1, reason + " resolved");
                }

                return "live polling back to its configured pace";
            }

            default:
                return "nothing to undo";
        }
    }

    /// <summary>What a subject such as api:odds or agent:database names: odds, database.</summary>
    private static string Target(Incident incident) => HealthSubject.Parse(incident.Subject).Name;
}

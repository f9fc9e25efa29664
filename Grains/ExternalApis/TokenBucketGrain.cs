using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Orleans.Betting.ExternalApis;

/// <summary>
/// Token bucket per API. The bucket itself is System.Threading.RateLimiting's
/// <see cref="TokenBucketRateLimiter"/> (no queue of its own); this grain keeps one FIFO queue per
/// priority and a grain timer that, each replenishment period, hands the available tokens to the
/// waiters in priority order. Reentrant, so many callers can wait at once; all state changes happen
/// on the grain's single-threaded scheduler between awaits.
/// </summary>
[Reentrant]
public sealed class TokenBucketGrain(
    IOptionsMonitor<TokenBucketOptions> options,
    TimeProvider time,
    Clock.MarketTime market,
    ILogger<TokenBucketGrain> logger
) : Grain, ITokenBucketGrain
{
    private readonly Queue<Waiter>[] queues = Enum.GetValues<RequestPriority>().Select(_ => new Queue<Waiter>()).ToArray();
    private TokenBucketSettings settings = new(1, 1);
    private TokenBucketRateLimiter limiter = Create(new TokenBucketSettings(1, 1));
    private IGrainTimer? pump;
    private long? quotaRemaining;
    private long? quotaUsed;
    private DateTime? quotaUntilUtc;
    private DateTime? pausedUntil;
    private string? pauseReason;
    private long granted;
    private long pauses;

    /// <summary>Starts from Betting:Apis:{api}:TokensPerSecond / Burst / QuotaReserve (defaults 4/s, burst 4).</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        return ConfigureAsync(options.Get(this.GetPrimaryKeyString()).Settings);
    }

    public Task ConfigureAsync(TokenBucketSettings newSettings)
    {
        if (newSettings.TokensPerSecond <= 0 || newSettings.Burst < 1)
        {
            throw new ArgumentException(
                $"token bucket {this.GetPrimaryKeyString()}: rate {newSettings.TokensPerSecond}/s and burst {newSettings.Burst} must be positive"
            );
        }

        settings = newSettings;
        limiter.Dispose();
        limiter = Create(newSettings);
        pump?.Dispose();
        pump = null;
        if (queues.Any(q => q.Count > 0))
        {
            StartPump();
        }

        return Task.CompletedTask;
    }

    public async Task<TokenGrant> AcquireAsync(RequestPriority priority, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        if (QuotaRefusal(priority) is { } refusal)
        {
            return new TokenGrant(false, 0, refusal);
        }

        // Nobody of equal or higher priority waiting and a token free: take it now.
        if (!Paused() && !queues.Take((int)priority + 1).Any(q => q.Count > 0) && TryTake())
        {
            return new TokenGrant(true, 0, null);
        }

        var waiter = new Waiter(new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        queues[(int)priority].Enqueue(waiter);
        if (pump is null)
        {
            StartPump();
        }

        using (cancellationToken.Register(() => waiter.Completion.TrySetResult(false)))
        {
            var ok = await waiter.Completion.Task;
            return ok
                ? new TokenGrant(true, clock.Elapsed.TotalMilliseconds, null)
                : new TokenGrant(false, clock.Elapsed.TotalMilliseconds, "cancelled");
        }
    }

    public Task<bool> TryTakeProbeTokenAsync() => Task.FromResult(TryTake());

    public Task ReportQuotaAsync(long remaining, long used)
    {
        quotaRemaining = remaining;
        quotaUsed = used;
        // The API names no reset date: what it said holds until the month's reset day, on the market's clock.
        quotaUntilUtc = ExternalApis.QuotaPlan.Month(market.UtcNow, settings.QuotaResetDay).End;
        Monitoring.BettingMetrics.Set("quota_remaining", this.GetPrimaryKeyString(), remaining);
        return Task.CompletedTask;
    }

    public Task ResetQuotaAsync(string reason)
    {
        ForgetQuota();
        ExternalApisLog.QuotaReset(logger, this.GetPrimaryKeyString(), reason);
        return Task.CompletedTask;
    }

    public Task PauseAsync(DateTime untilUtc, string reason)
    {
        pauses++;
        pausedUntil = untilUtc;
        pauseReason = reason;
        return Task.CompletedTask;
    }

    public Task ResumeAsync()
    {
        pausedUntil = null;
        pauseReason = null;
        return Task.CompletedTask;
    }

    public Task<TokenBucketState> GetStateAsync() =>
        Task.FromResult(
            new TokenBucketState(
                this.GetPrimaryKeyString(),
                settings.TokensPerSecond,
                settings.Burst,
                (limiter.GetStatistics()?.CurrentAvailablePermits ?? 0) / PermitsPerToken,
                Enum.GetValues<RequestPriority>().ToDictionary(p => p, p => queues[(int)p].Count(w => !w.Completion.Task.IsCompleted)),
                QuotaCurrent() ? quotaRemaining : null,
                QuotaCurrent() ? quotaUsed : null,
                Paused(),
                pausedUntil,
                pauseReason,
                granted,
                pauses
            )
        );

    private void StartPump() => pump = this.RegisterGrainTimer(Pump, PumpPeriod(settings), PumpPeriod(settings));

    private Task Pump(CancellationToken cancellationToken)
    {
        Monitoring.BettingMetrics.Set("bucket_waiting", this.GetPrimaryKeyString(), queues.Sum(q => q.Count));
        Monitoring.BettingMetrics.Set(
            "bucket_tokens",
            this.GetPrimaryKeyString(),
            (limiter.GetStatistics()?.CurrentAvailablePermits ?? 0) / (double)PermitsPerToken
        );
        if (queues.All(q => q.Count == 0))
        {
            // Nobody waiting: an idle bucket costs no timer ticks until the next waiter.
            pump?.Dispose();
            pump = null;
            return Task.CompletedTask;
        }

        if (Paused())
        {
            return Task.CompletedTask;
        }

        foreach (var queue in queues)
        {
            while (queue.Count > 0)
            {
                var next = queue.Peek();
                if (next.Completion.Task.IsCompleted)
                {
                    queue.Dequeue(); // cancelled while waiting
                    continue;
                }

                if (!TryTake())
                {
                    return Task.CompletedTask;
                }

                queue.Dequeue();
                if (!next.Completion.TrySetResult(true))
                {
                    granted--; // cancelled at the last moment; the token is spent, not the count
                }
            }
        }

        return Task.CompletedTask;
    }

    private bool TryTake()
    {
        using var lease = limiter.AttemptAcquire(PermitsPerToken);
        if (!lease.IsAcquired)
        {
            return false;
        }

        granted++;
        return true;
    }

    private bool Paused()
    {
        if (pausedUntil is { } until && time.GetUtcNow().UtcDateTime >= until)
        {
            pausedUntil = null;
            pauseReason = null;
        }

        return pausedUntil is not null;
    }

    /// <summary>Critical calls always pass the quota (a spent quota costs them nothing, and their headers may say it was renewed).</summary>
    private string? QuotaRefusal(RequestPriority priority) =>
        priority == RequestPriority.Critical || !QuotaCurrent() || quotaRemaining is not { } left ? null
        : left <= 0 ? $"monthly quota spent (until {quotaUntilUtc:u} or an operator's reset; Critical calls still pass)"
        : left <= settings.QuotaReserveForCritical
            ? $"quota nearly spent ({left} left, {settings.QuotaReserveForCritical} reserved for Critical)"
        : null;

    /// <summary>A learned quota lapses at the month's reset: a new month starts with the month's credits, not last month's zero.</summary>
    private bool QuotaCurrent()
    {
        if (quotaUntilUtc is { } until && market.UtcNow >= until)
        {
            ForgetQuota();
        }

        return quotaRemaining is not null;
    }

    private void ForgetQuota()
    {
        quotaRemaining = null;
        quotaUsed = null;
        quotaUntilUtc = null;
    }

    /// <summary>
    /// Tokens are kept as thousandths, replenished every few milliseconds by the limiter's own
    /// timer, so availability rises smoothly instead of in whole-token steps, and the pump (a few
    /// times per token interval) hands each token out soon after it accrues, whatever its phase.
    /// </summary>
    private const int PermitsPerToken = 1000;

    private static TimeSpan Interval(TokenBucketSettings s) => TimeSpan.FromSeconds(1.0 / s.TokensPerSecond);

    private static TimeSpan PumpPeriod(TokenBucketSettings s) =>
        TimeSpan.FromMilliseconds(Math.Clamp(Interval(s).TotalMilliseconds / 3, 5, 100));

    private static TokenBucketRateLimiter Create(TokenBucketSettings s)
    {
        var replenish = TimeSpan.FromMilliseconds(Math.Clamp(Interval(s).TotalMilliseconds / 5, 2, 50));
        return new TokenBucketRateLimiter(
            new TokenBucketRateLimiterOptions
            {
                // Room for what accrues in one pump period beyond the burst: a full bucket waiting for the
                // pump would otherwise drop that accrual and the API would be under-used by up to a third.
                TokenLimit = s.Burst * PermitsPerToken + (int)(PermitsPerToken * PumpPeriod(s).TotalSeconds * s.TokensPerSecond),
                TokensPerPeriod = Math.Max(1, (int)Math.Round(s.TokensPerSecond * PermitsPerToken * replenish.TotalSeconds)),
                ReplenishmentPeriod = replenish,
                QueueLimit = 0, // the grain queues by priority itself
                AutoReplenishment = true,
            }
        );
    }

    private sealed record Waiter(TaskCompletionSource<bool> Completion);
}

namespace Orleans.Betting.Clock;

/// <summary>
/// Replay clock: simulated time runs at Speed simulated seconds per real second from an anchor;
/// the anchor is persisted on every change, so a restarted silo continues where the clock stood
/// (the real time the silo was down does not count). Replay time is virtual: the clock stops at
/// its hold (the start of the next cycle's window) until the orchestrator has done that cycle's
/// work and moves the hold on, so a faster replay gives the same ledger as a slower one, sooner.
/// </summary>
public sealed class MarketClockGrain(
    [PersistentState("clock", StorageNames.Betting)] IPersistentState<ClockState> state,
    TimeProvider time,
    MarketTime market
) : Grain, IMarketClockGrain
{
    /// <summary>How often the running clock's position is saved: a crash loses at most this much simulated progress.</summary>
    private static readonly TimeSpan SavePeriod = TimeSpan.FromSeconds(2);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Time the cluster was down does not pass on the market clock.
        if (state.State.Configured && !state.State.Paused)
        {
            state.State.AnchorRealUtc = time.GetUtcNow().UtcDateTime;
        }

        this.RegisterGrainTimer(
            async ct =>
            {
                if (state.State.Configured && !state.State.Paused)
                {
                    Rebase();
                    await state.WriteStateAsync(ct);
                }
            },
            SavePeriod,
            SavePeriod
        );
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.State.Configured)
        {
            Rebase();
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<ClockStatus> ConfigureAsync(DateTime startUtc, DateTime? endUtc, double speed, string market)
    {
        if (speed <= 0 || !double.IsFinite(speed))
        {
            throw new ArgumentException($"clock speed {speed}: simulated seconds per real second must be positive");
        }

        var s = state.State;
        s.Configured = true;
        s.StartUtc = startUtc;
        s.EndUtc = endUtc;
        s.Speed = speed;
        s.Market = market;
        s.AnchorSimUtc = startUtc;
        s.AnchorRealUtc = time.GetUtcNow().UtcDateTime;
        s.Paused = false;
        s.HoldUtc = null;
        await state.WriteStateAsync();
        return Status();
    }

    public async Task<ClockStatus> HoldAtAsync(DateTime? holdUtc)
    {
        // Rebase first: the real time spent waiting at the old hold does not count after it lifts.
        Rebase();
        state.State.HoldUtc = holdUtc;
        await state.WriteStateAsync();
        return Status();
    }

    public Task<ClockStatus> GetAsync() => Task.FromResult(Status());

    public async Task<ClockStatus> AdvanceAsync(TimeSpan by)
    {
        Rebase();
        state.State.AnchorSimUtc += by;
        await state.WriteStateAsync();
        return Status();
    }

    public async Task<ClockStatus> PauseAsync()
    {
        Rebase();
        state.State.Paused = true;
        await state.WriteStateAsync();
        return Status();
    }

    public async Task<ClockStatus> ResumeAsync()
    {
        Rebase();
        state.State.Paused = false;
        await state.WriteStateAsync();
        return Status();
    }

    private DateTime Now()
    {
        var s = state.State;
        var now = s.Paused ? s.AnchorSimUtc : s.AnchorSimUtc + (time.GetUtcNow().UtcDateTime - s.AnchorRealUtc) * s.Speed;
        if (s.HoldUtc is { } hold && now > hold)
        {
            now = hold < s.AnchorSimUtc ? s.AnchorSimUtc : hold; // a hold never moves the clock back
        }

        return s.EndUtc is { } end && now > end ? end : now;
    }

    private void Rebase()
    {
        state.State.AnchorSimUtc = Now();
        state.State.AnchorRealUtc = time.GetUtcNow().UtcDateTime;
    }

    private ClockStatus Status()
    {
        var s = state.State;
        return s.Configured
            ? new ClockStatus(Now(), s.Speed, s.Paused, s.StartUtc, s.EndUtc, ClockStatus.ReplayMode, s.Market, s.HoldUtc)
            // Not replaying: the live market's own time, accelerated where the silo runs a simulated live market.
            : new ClockStatus(
                market.UtcNow,
                market.Speed,
                false,
                market.StartUtc ?? market.UtcNow,
                null,
                "Live",
                market.Accelerated ? "live market on simulated time" : "live market on the wall clock"
            );
    }
}

[GenerateSerializer]
[Alias("betting.ClockState")]
public sealed class ClockState
{
    [Id(0)]
    public bool Configured { get; set; }

    [Id(1)]
    public DateTime StartUtc { get; set; }

    [Id(2)]
    public DateTime? EndUtc { get; set; }

    [Id(3)]
    public double Speed { get; set; } = 1;

    [Id(4)]
    public string Market { get; set; } = "";

    [Id(5)]
    public DateTime AnchorSimUtc { get; set; }

    [Id(6)]
    public DateTime AnchorRealUtc { get; set; }

    [Id(7)]
    public bool Paused { get; set; }

    /// <summary>The clock does not run past this point (virtual replay time: the next window waits for the cycle's work).</summary>
    [Id(8)]
    public DateTime? HoldUtc { get; set; }
}

using System.Globalization;
using System.Text.Json;

namespace Orleans.Betting.Silo.Simulation;

// The HTTP contract: The Odds API v4 paths, credit costs, quota headers, 429 + Retry-After and injected faults.
// Over 400 lines on purpose: the routes and the one request pipeline they share read best together.
public sealed partial class OddsApiSimulator
{
    private void Map(WebApplication web)
    {
        web.MapGet(
            "/v4/sports",
            (HttpContext ctx) =>
                Serve(
                    ctx,
                    0,
                    () =>
                        SimulatedOddsMarket
                            .Sports.Select(s => new Orleans.Betting.ExternalApis.OddsSport(s.Key, s.Group, s.Title, s.Title, true, false))
                            .Concat(
                                (Synthetic?.SportKeys ?? []).Select(k => new Orleans.Betting.ExternalApis.OddsSport(
                                    k,
                                    "Synthetic Soccer",
                                    k,
                                    "the seasons after the synthetic history",
                                    true,
                                    false
                                ))
                            )
                            .ToList()
                )
        );
        web.MapGet(
            "/v4/sports/{sport}/events",
            (HttpContext ctx, string sport) =>
                ServeSport(
                    ctx,
                    sport,
                    (index, now) =>
                        (
                            0,
                            Market.Upcoming(now).Select(k => Market.Odds(index, k, now, [], [], false) with { Bookmakers = null }).ToList()
                        ),
                    (feed, league, now) =>
                        (0, feed.Listed(league, now).Select(m => feed.Odds(m, now, [], []) with { Bookmakers = null }).ToList())
                )
        );
        web.MapGet(
            "/v4/sports/{sport}/odds",
            (HttpContext ctx, string sport) =>
                ServeSport(
                    ctx,
                    sport,
                    (index, now) => OddsFor(ctx, index, now),
                    (feed, league, now) => SyntheticOddsFor(ctx, feed, league, now)
                )
        );
        web.MapGet(
            "/v4/sports/{sport}/scores",
            (HttpContext ctx, string sport) =>
                ServeSport(
                    ctx,
                    sport,
                    (index, now) =>
                    {
                        var (window, cost) = ScoresWindow(ctx);
                        var events = Market
                            .Recent(now, window)
                            .Concat(Market.Upcoming(now))
                            .Select(k => Market.Score(index, k, now))
                            .ToList();
                        return (cost, events);
                    },
                    (feed, league, now) =>
                    {
                        var (window, cost) = ScoresWindow(ctx);
                        var events = feed.Matches(league, now - window, now + SyntheticLiveFeed.ListingLead)
                            .Select(m => SyntheticLiveFeed.Score(m, now))
                            .ToList();
                        return (cost, events);
                    }
                )
        );

        web.MapGet("/simulator/stats", () => Results.Json(Stats()));
        web.MapPost(
            "/simulator/faults",
            (string kind, double seconds, double? latencyMs) =>
            {
                if (!Enum.TryParse<SimulatorFaultKind>(kind, ignoreCase: true, out var parsed) || seconds <= 0)
                {
                    return Results.BadRequest(
                        $"kind must be one of {string.Join(", ", Enum.GetNames<SimulatorFaultKind>())} and seconds positive"
                    );
                }

                InjectFault(parsed, TimeSpan.FromSeconds(seconds), latencyMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
                return Results.Json(Stats());
            }
        );
        web.MapDelete(
            "/simulator/faults",
            () =>
            {
                ClearFaults();
                return Results.Json(Stats());
            }
        );
        web.MapPost(
            "/simulator/stall",
            (string bookmaker, double seconds) =>
            {
                if (seconds <= 0 || SimulatedOddsMarket.Bookmakers.All(b => b.Key != bookmaker))
                {
                    return Results.BadRequest(
                        $"bookmaker must be one of {string.Join(", ", SimulatedOddsMarket.Bookmakers.Select(b => b.Key))} and seconds positive"
                    );
                }

                StallBookmaker(bookmaker, TimeSpan.FromSeconds(seconds));
                return Results.Json(
                    new
                    {
                        bookmaker,
                        seconds,
                        tick = Market.Tick(Now),
                    }
                );
            }
        );
        web.MapPost(
            "/simulator/clock",
            (double advanceSeconds) =>
            {
                AdvanceClock(TimeSpan.FromSeconds(advanceSeconds));
                return Results.Json(new { now = Now });
            }
        );
        web.MapPost(
            "/simulator/steam",
            (string sport, string eventId, double shift) =>
            {
                var index = SimulatedOddsMarket.SportIndex(sport);
                if (index < 0 || !Market.TryFindEvent(index, eventId, Now, out var number))
                {
                    return Results.NotFound($"no event {eventId} in {sport}");
                }

                Market.InjectMove(index, number, Now, shift);
                return Results.Json(
                    new
                    {
                        sport,
                        eventId,
                        shift,
                        tick = Market.Tick(Now),
                    }
                );
            }
        );
    }

    private (int Cost, object Body) OddsFor(HttpContext ctx, int sport, DateTime now)
    {
        var query = ctx.Request.Query;
        var markets = Markets(query, SimulatedOddsMarket.MarketKeys);

        var format = query["oddsFormat"].ToString();
        if (format is not ("" or "decimal" or "american"))
        {
            throw new SimulatedApiError(422, "INVALID_ODDS_FORMAT", $"Invalid oddsFormat: {format}");
        }

        var bookmakerKeys = List(query["bookmakers"]);
        IReadOnlyList<SimulatedBookmaker> books;
        int regionUnits;
        if (bookmakerKeys.Count > 0)
        {
            books = SimulatedOddsMarket.Bookmakers.Where(b => bookmakerKeys.Contains(b.Key)).ToList();
            regionUnits = (bookmakerKeys.Count + 9) / 10;
        }
        else
        {
            var regions = Regions(query);
            books = SimulatedOddsMarket.Bookmakers.Where(b => regions.Contains(b.Region)).ToList();
            regionUnits = regions.Count;
        }

        var stalled = StalledBooks();
        var events = Market.Upcoming(now).Select(k => Market.Odds(sport, k, now, books, markets, format == "american", stalled)).ToList();
        return (events.Count == 0 ? 0 : markets.Count * regionUnits, events);
    }

    /// <summary>A sport's route: the endless fixture list's answer, or the synthetic live feed's for its sports (same costs).</summary>
    private Task ServeSport<T, TSynthetic>(
        HttpContext ctx,
        string sport,
        Func<int, DateTime, (int Cost, T Body)> body,
        Func<SyntheticLiveFeed, string, DateTime, (int Cost, TSynthetic Body)> synthetic
    ) =>
        Serve(
            ctx,
            () =>
            {
                if (Synthetic is { } feed && feed.TryLeague(sport, out var league))
                {
                    var (syntheticCost, answer) = synthetic(feed, league, SyntheticNow);
                    return (syntheticCost, (object)answer!);
                }

                var index = SimulatedOddsMarket.SportIndex(sport);
                if (index < 0)
                {
                    throw new SimulatedApiError(404, "UNKNOWN_SPORT", $"Unknown sport: {sport}");
                }

                var (cost, value) = body(index, Now);
                return (cost, (object)value!);
            }
        );

    private static (int Cost, List<Orleans.Betting.ExternalApis.OddsEvent> Body) SyntheticOddsFor(
        HttpContext ctx,
        SyntheticLiveFeed feed,
        string league,
        DateTime now
    )
    {
        var markets = Markets(ctx.Request.Query, SyntheticLiveFeed.MarketKeys);
        var regions = Regions(ctx.Request.Query);
        var events = feed.Listed(league, now).Select(m => feed.Odds(m, now, markets, regions)).ToList();
        return (events.Count == 0 ? 0 : markets.Count * regions.Count, events);
    }

    /// <summary>The scores' <c>daysFrom</c> (1–3; none: the last 3 hours) and what the call costs.</summary>
    private static (TimeSpan Window, int Cost) ScoresWindow(HttpContext ctx)
    {
        var days = int.TryParse(ctx.Request.Query["daysFrom"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : 0;
        return days is < 0 or > 3
            ? throw new SimulatedApiError(422, "INVALID_SCORES_DAYS_FROM", $"daysFrom must be 1 to 3, was {days}")
            : (days == 0 ? TimeSpan.FromHours(3) : TimeSpan.FromDays(days), days == 0 ? 1 : 2);
    }

    /// <summary>The requested markets (default h2h), each one the feed prices.</summary>
    private static List<string> Markets(IQueryCollection query, IReadOnlyCollection<string> known)
    {
        var markets = List(query["markets"]);
        if (markets.Count == 0)
        {
            markets = ["h2h"];
        }

        return markets.FirstOrDefault(m => !known.Contains(m)) is { } unknown
            ? throw new SimulatedApiError(422, "INVALID_MARKET", $"Invalid market: {unknown}")
            : markets;
    }

    /// <summary>The requested regions: required, each one the API knows.</summary>
    private static List<string> Regions(IQueryCollection query)
    {
        var regions = List(query["regions"]);
        if (regions.Count == 0)
        {
            throw new SimulatedApiError(422, "MISSING_REGION", "Missing regions parameter");
        }

        return regions.FirstOrDefault(r => r is not ("us" or "us2" or "uk" or "eu" or "au")) is { } unknown
            ? throw new SimulatedApiError(422, "INVALID_REGION", $"Invalid region: {unknown}")
            : regions;
    }

    private Task Serve<T>(HttpContext ctx, int cost, Func<T> body) => Serve(ctx, () => (cost, (object)body()!));

    private async Task Serve(HttpContext ctx, Func<(int Cost, object Body)> handle)
    {
        SimulatorFault? active;
        lock (gate)
        {
            requests++;
            active = fault is { } f && time.GetUtcNow().UtcDateTime < f.UntilUtc ? f : null;
            if (active?.RequestsLeft is { } left)
            {
                fault = left > 1 ? active with { RequestsLeft = left - 1 } : null;
            }

            // On the accelerated live market the month's credits reset when its calendar month turns.
            if (
                Synthetic is not null
                && SyntheticNow is var marketNow
                && (marketNow.Year * 12 + marketNow.Month) is var month
                && month != creditMonth
            )
            {
                if (creditMonth != 0)
                {
                    creditsUsed = 0;
                }

                creditMonth = month;
            }
            if (++requestsSincePrune >= 1000)
            {
                requestsSincePrune = 0;
                Market.Prune(Now);
            }
        }

        var response = ctx.Response;
        var key = ctx.Request.Query["apiKey"].ToString();
        if (string.IsNullOrEmpty(key) || (Market.Options.ApiKey is { } expected && key != expected))
        {
            await Error(
                ctx,
                string.IsNullOrEmpty(key)
                    ? new SimulatedApiError(401, "MISSING_KEY", "API key is missing")
                    : new SimulatedApiError(401, "INVALID_KEY", "API key is not valid")
            );
            return;
        }

        if (!TryTakeRateToken(out var retryAfter) || active?.Kind == SimulatorFaultKind.RateLimit)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await Error(
                ctx,
                new SimulatedApiError(429, "EXCEEDED_FREQ_LIMIT", "Requests are being sent too frequently"),
                rateLimit: true,
                injected: active?.Kind == SimulatorFaultKind.RateLimit
            );
            return;
        }

        switch (active?.Kind)
        {
            case SimulatorFaultKind.Http500:
                await Error(ctx, new SimulatedApiError(500, "INTERNAL_ERROR", "Internal server error (injected)"), injected: true);
                return;
            case SimulatorFaultKind.Reset:
                Count(ref faultsInjected);
                ctx.Abort();
                return;
            case SimulatorFaultKind.Latency:
                Count(ref faultsInjected);
                await Task.Delay(active.Latency, ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                if (ctx.RequestAborted.IsCancellationRequested)
                {
                    return;
                }

                break;
        }

        int cost;
        object body;
        try
        {
            (cost, body) = handle();
        }
        catch (SimulatedApiError e)
        {
            await Error(ctx, e);
            return;
        }

        lock (gate)
        {
            if (Market.Options.MonthlyQuota - creditsUsed < cost)
            {
                cost = -1;
            }
            else
            {
                creditsUsed += cost;
                creditsTotal += cost;
                served++;
            }
        }

        if (cost < 0)
        {
            await Error(ctx, new SimulatedApiError(401, "OUT_OF_USAGE_CREDITS", "Usage quota has been reached"));
            return;
        }

        QuotaHeaders(response, cost);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        if (active?.Kind == SimulatorFaultKind.Malformed)
        {
            Count(ref faultsInjected);
            bytes = bytes[..Math.Max(1, bytes.Length / 2)]; // a truncated body: the JSON never closes
        }

        response.ContentType = "application/json; charset=utf-8";
        switch (active?.Kind)
        {
            case SimulatorFaultKind.HugeBody:
                Count(ref faultsInjected);
                await HugeBodyAsync(ctx, bytes);
                return;
            case SimulatorFaultKind.TricklingBody:
                Count(ref faultsInjected);
                await TrickleAsync(ctx, bytes, active.UntilUtc);
                return;
        }

        await response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    private const long HugePadding = 100L * 1024 * 1024;

    /// <summary>The answer's opening bracket, 100 MB of whitespace, then the rest: valid JSON only a client that reads it all could parse.</summary>
    private async Task HugeBodyAsync(HttpContext ctx, byte[] json)
    {
        var padding = new byte[64 * 1024];
        Array.Fill(padding, (byte)' ');
        try
        {
            await Write(json.AsMemory(0, 1));
            for (long sent = 0; sent < HugePadding; sent += padding.Length)
            {
                await Write(padding);
                if (sent % (1024 * 1024) == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20), time, ctx.RequestAborted); // at most ~50 MB/s: reading it all takes seconds
                }
            }

            await Write(json.AsMemory(1));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client stopped reading and closed the connection: what it took is counted.
        }

        async Task Write(ReadOnlyMemory<byte> part)
        {
            // Through the pipe: once the client has gone the write says so (completed), where a stream
            // write to a closed connection may succeed silently and count bytes nobody took.
            var result = await ctx.Response.BodyWriter.WriteAsync(part, ctx.RequestAborted);
            if (result.IsCompleted || result.IsCanceled || ctx.RequestAborted.IsCancellationRequested)
            {
                throw new OperationCanceledException("the client closed the connection");
            }

            Interlocked.Add(ref faultBodyBytes, part.Length);
        }
    }

    /// <summary>The answer a byte every half second while the fault lasts (then the rest at once), or until the client goes.</summary>
    private async Task TrickleAsync(HttpContext ctx, byte[] json, DateTime untilUtc)
    {
        var at = 0;
        try
        {
            while (at < json.Length && time.GetUtcNow().UtcDateTime < untilUtc)
            {
                await ctx.Response.Body.WriteAsync(json.AsMemory(at, 1), ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                Interlocked.Increment(ref faultBodyBytes);
                at++;
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, ctx.RequestAborted);
            }

            await ctx.Response.Body.WriteAsync(json.AsMemory(at), ctx.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client gave up on the body.
        }
    }

    /// <summary>
    /// The upstream's limit, computed from elapsed time on each request. Deliberately not the
    /// timer-replenished TokenBucketRateLimiter the cluster's buckets use: a judge whose timer
    /// runs late under load would answer legal calls with 429s and count violations that were not.
    /// </summary>
    private bool TryTakeRateToken(out TimeSpan retryAfter)
    {
        var options = Market.Options;
        lock (gate)
        {
            var now = time.GetTimestamp();
            tokens = Math.Min(
                Math.Max(1, options.Burst),
                tokens + (now - lastRefill) / (double)time.TimestampFrequency * options.RequestsPerSecond
            );
            lastRefill = now;
            if (tokens >= 1)
            {
                tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - tokens) / options.RequestsPerSecond);
            return false;
        }
    }

    private async Task Error(HttpContext ctx, SimulatedApiError error, bool rateLimit = false, bool injected = false)
    {
        lock (gate)
        {
            // An injected 429 is a fault, not a breach of the limit by the client.
            if (injected)
            {
                faultsInjected++;
            }
            else if (rateLimit)
            {
                rateLimited++;
            }
            else
            {
                rejected++;
            }
        }

        QuotaHeaders(ctx.Response, 0);
        ctx.Response.StatusCode = error.Status;
        await ctx.Response.WriteAsJsonAsync(
            new
            {
                message = error.Message,
                error_code = error.Code,
                details_url = "https://the-odds-api.com/liveapi/guides/v4/",
            }
        );
    }

    private void QuotaHeaders(HttpResponse response, int cost)
    {
        long used;
        lock (gate)
        {
            used = creditsUsed;
        }

        response.Headers["x-requests-remaining"] = (Market.Options.MonthlyQuota - used).ToString(CultureInfo.InvariantCulture);
        response.Headers["x-requests-used"] = used.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-requests-last"] = cost.ToString(CultureInfo.InvariantCulture);
    }

    private void Count(ref long counter)
    {
        lock (gate)
        {
            counter++;
        }
    }

    private static List<string> List(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>A fault until a time, or (<see cref="RequestsLeft"/>) for that many more requests only.</summary>
    private sealed record SimulatorFault(SimulatorFaultKind Kind, DateTime UntilUtc, TimeSpan Latency, int? RequestsLeft = null);

    private sealed class SimulatedApiError(int status, string code, string message) : Exception(message)
    {
        public int Status => status;

        public string Code => code;
    }
}

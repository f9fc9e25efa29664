using Orleans.Betting.Agents;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Health;

namespace Orleans.Betting.Tests.Health;

/// <summary>The rules over a sample and the incident lifecycle (confirmation, cooldown, cap, verification, escalation, resolution), pure.</summary>
public sealed class IncidentPolicyTests
{
    private static readonly DateTime T0 = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    private static HealthSample Sample(
        DateTime at,
        ApiSample? api = null,
        IReadOnlyList<ComponentHealth>? components = null,
        IReadOnlyList<AgentSample>? agents = null,
        IReadOnlyList<StrategyLiveSample>? strategies = null,
        IReadOnlyList<BookFreshness>? books = null
    ) => new(at, api is null ? [] : [api], components ?? [], agents ?? [], strategies ?? [], books ?? []);

    private static ApiSample Odds(
        long attempts = 10,
        long http = 0,
        long rateLimited = 0,
        long timeouts = 0,
        long connection = 0,
        long malformed = 0,
        double? latency = 5,
        bool circuit = false
    ) => new("odds", attempts, http, rateLimited, timeouts, connection, malformed, latency, circuit);

    [Fact]
    public void RulesNameEachKindOfTroubleAndStayQuietOnAHealthySample()
    {
        Assert.Empty(
            HealthRules.Check(
                Sample(
                    T0,
                    Odds(),
                    [new ComponentHealth("storage", "storage", ComponentStatus.Healthy, 3, [], null, "", "s", T0)],
                    [new AgentSample("orchestrator", AgentState.Running, null)]
                )
            )
        );

        Assert.Equal(AnomalyKind.ErrorBurst, Assert.Single(HealthRules.Check(Sample(T0, Odds(http: 6)))).Kind);
        Assert.Empty(HealthRules.Check(Sample(T0, Odds(http: 4)))); // 40 % < 50 %
        Assert.Equal(AnomalyKind.ConnectionFailures, Assert.Single(HealthRules.Check(Sample(T0, Odds(connection: 5)))).Kind);
        Assert.Equal(AnomalyKind.RateLimited, Assert.Single(HealthRules.Check(Sample(T0, Odds(rateLimited: 1)))).Kind);
        Assert.Equal(AnomalyKind.SlowResponses, Assert.Single(HealthRules.Check(Sample(T0, Odds(latency: 3000)))).Kind);
        Assert.Equal(AnomalyKind.SlowResponses, Assert.Single(HealthRules.Check(Sample(T0, Odds(timeouts: 5, latency: null)))).Kind);
        Assert.Equal(AnomalyKind.MalformedResponses, Assert.Single(HealthRules.Check(Sample(T0, Odds(malformed: 2)))).Kind);
        Assert.Empty(HealthRules.Check(Sample(T0, Odds(attempts: 0, circuit: true)))); // the breaker at work is not news; the errors were

        var storage = Assert.Single(
            HealthRules.Check(
                Sample(
                    T0,
                    components:
                    [
                        new ComponentHealth("storage", "storage", ComponentStatus.Unhealthy, 3000, [], "connection refused", "", "s", T0),
                    ]
                )
            )
        );
        Assert.Equal((AnomalyKind.Unreachable, Severity.Critical, "storage"), (storage.Kind, storage.Severity, storage.Subject));
        Assert.Contains("connection refused", storage.Evidence);
        Assert.Empty(
            HealthRules.Check(
                Sample(
                    T0,
                    components: [new ComponentHealth("webhook", "notification", ComponentStatus.Degraded, 0, [], null, "not set", "s", T0)]
                )
            )
        );

        var agent = Assert.Single(
            HealthRules.Check(Sample(T0, agents: [new AgentSample("database", AgentState.Faulted, "3 failed ticks")]))
        );
        Assert.Equal("agent:database", agent.Subject);

        // An agent record past its bound is flagged (with the key that sets the bound); one below it is not.
        var large = Assert.Single(
            HealthRules.Check(
                Sample(
                    T0,
                    agents:
                    [
                        new AgentSample("logging", AgentState.Running, null, 300 * 1024),
                        new AgentSample("orchestrator", AgentState.Running, null, 200 * 1024),
                    ]
                )
            )
        );
        Assert.Equal((AnomalyKind.LargeRecord, "agent:logging"), (large.Kind, large.Subject));
        Assert.Contains("MaxAgentRecordKb", large.Evidence);
        Assert.Equal(RemediationActions.Notify, RemediationActions.For(large.Subject, large.Kind).Action);

        // Business: a stale bookmaker (its last change 45 min behind the freshest book's).
        var stale = Assert.Single(
            HealthRules.Check(
                Sample(
                    T0,
                    books:
                    [
                        new BookFreshness("soccer_epl", "williamhill", T0.AddMinutes(-45), T0),
                        new BookFreshness("soccer_epl", "pinnacle", T0, T0),
                    ]
                )
            )
        );
        Assert.Equal((AnomalyKind.StalePrices, "book:williamhill"), (stale.Kind, stale.Subject));
    }

    [Fact]
    public void AStrategyIsBelowItsValidatedRangeOnlyWhenTheLiveIntervalLiesUnderIt()
    {
        // 100 bets at ROI −10 % with a per-bet SD of 1: upper bound −10 % + 1.96·1/10 = 9.6 % < validated low 12 %.
        var below = HealthRules.CheckStrategy(new StrategyLiveSample("s1", 100, -0.10, 1.0, 0.01, 0.12, 0.03, false));
        Assert.Equal(AnomalyKind.BelowValidatedRange, below!.Kind);
        Assert.Contains("95 % upper bound 9.6 %", below.Evidence);

        Assert.Null(HealthRules.CheckStrategy(new StrategyLiveSample("s1", 100, -0.10, 1.0, 0.01, 0.08, 0.03, false))); // 9.6 % ≥ 8 %: inside
        Assert.Null(HealthRules.CheckStrategy(new StrategyLiveSample("s1", 20, -0.50, 1.0, 0.01, 0.12, 0.03, false))); // too few bets to say
        Assert.Null(HealthRules.CheckStrategy(new StrategyLiveSample("s1", 100, -0.10, 1.0, 0.01, 0.12, 0.03, true))); // already paused
        // Resumed by a human at 100 bets: the decision holds until 30 more live bets.
        Assert.Null(HealthRules.CheckStrategy(new StrategyLiveSample("s1", 129, -0.10, 1.0, 0.01, 0.12, 0.03, false, BetsAtResume: 100)));
        Assert.NotNull(
            HealthRules.CheckStrategy(new StrategyLiveSample("s1", 130, -0.10, 1.0, 0.01, 0.12, 0.03, false, BetsAtResume: 100))
        );
        // CLV: negative and clearly under the validated CLV.
        Assert.Contains("CLV", HealthRules.CheckStrategy(new StrategyLiveSample("s2", 60, 0.05, 1.0, -0.03, -0.5, 0.02, false))!.Evidence);
        Assert.Null(HealthRules.CheckStrategy(new StrategyLiveSample("s2", 60, 0.05, 1.0, -0.005, -0.5, 0.01, false)));
    }

    [Fact]
    public void AnIncidentNeedsConfirmationGetsItsRemedyIsVerifiedAndResolvesWithItsUndo()
    {
        var book = new IncidentBook();
        var settings = new RemediationSettings(ConfirmSamples: 2, ClearSamples: 3, CooldownSeconds: 30, VerifySeconds: 10);
        var burst = HealthRules.Check(Sample(T0, Odds(http: 10)));
        Assert.Empty(IncidentPolicy.Observe(book, burst, T0, settings)); // one sample: not yet
        var opened = Assert.Single(IncidentPolicy.Observe(book, burst, T0.AddSeconds(1), settings));
        Assert.Equal(("api:odds", AnomalyKind.ErrorBurst, RemediationActions.ResumeApi), (opened.Subject, opened.Kind, opened.Undo));

        // The probe failing too is the same incident (one subject, one family).
        var unreachable = HealthRules.Check(
            Sample(T0, components: [new ComponentHealth("api:odds", "api", ComponentStatus.Unhealthy, 50, [], "HTTP 500", "", "s", T0)])
        );
        Assert.Empty(IncidentPolicy.Observe(book, [.. burst, .. unreachable], T0.AddSeconds(2), settings));
        Assert.Single(book.Incidents);

        var step = Assert.Single(IncidentPolicy.Plan(book, T0.AddSeconds(2), settings));
        Assert.Equal((StepKind.Act, RemediationActions.PauseApi), (step.Kind, step.Action));
        IncidentPolicy.Record(
            opened,
            step.Action,
            StepResult.Applied,
            "paused 15 s",
            T0.AddSeconds(2),
            verifyFrom: T0.AddSeconds(17),
            settings
        );

        // While the pause runs nothing more is planned; the anomaly stops being seen.
        for (var t = 3; t < 27; t++)
        {
            IncidentPolicy.Observe(book, [], T0.AddSeconds(t), settings);
            Assert.Empty(IncidentPolicy.Plan(book, T0.AddSeconds(t), settings));
        }

        IncidentPolicy.Observe(book, [], T0.AddSeconds(27), settings);
        var resolve = Assert.Single(IncidentPolicy.Plan(book, T0.AddSeconds(27), settings));
        Assert.Equal(StepResult.Verified, opened.Steps[^1].Result);
        Assert.Equal((StepKind.Resolve, RemediationActions.ResumeApi), (resolve.Kind, resolve.Action));
    }

    [Fact]
    public void TwoFailedRemediationsEscalateOnceAndAutomationStops()
    {
        var book = new IncidentBook();
        var settings = new RemediationSettings(ConfirmSamples: 1, CooldownSeconds: 5, VerifySeconds: 3);
        var faulted = HealthRules.Check(Sample(T0, agents: [new AgentSample("orchestrator", AgentState.Faulted, "boom")]));
        var incident = Assert.Single(IncidentPolicy.Observe(book, faulted, T0, settings));
        var actions = new List<string>();
        for (var t = 0; t <= 60; t++)
        {
            var now = T0.AddSeconds(t);
            IncidentPolicy.Observe(book, faulted, now, settings); // it keeps faulting after every restart
            foreach (var step in IncidentPolicy.Plan(book, now, settings))
            {
                actions.Add(step.Action);
                if (step.Kind == StepKind.Escalate)
                {
                    incident.Escalated = true;
                    IncidentPolicy.Record(incident, step.Action, StepResult.Sent, "", now);
                }
                else
                {
                    IncidentPolicy.Record(incident, step.Action, StepResult.Applied, "", now, verifyFrom: now, settings);
                }
            }
        }

        Assert.Equal([RemediationActions.RestartAgent, RemediationActions.RestartAgent, RemediationActions.Escalate], actions);
        Assert.Equal(2, incident.Failures);
        Assert.True(incident.Open);
        // Restarts 5 s apart at least (cooldown after the failed verification).
        var restarts = incident.Steps.Where(s => s.Action == RemediationActions.RestartAgent).Select(s => s.AtUtc).ToList();
        Assert.True(restarts[1] - restarts[0] >= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void TheCapLimitsActionsPerWindowAcrossIncidents()
    {
        var book = new IncidentBook();
        var settings = new RemediationSettings(ConfirmSamples: 1, MaxActionsPerWindow: 3, WindowMinutes: 10);
        var agents = Enumerable.Range(0, 5).Select(i => new AgentSample($"a{i}", AgentState.Faulted, "x")).ToList();
        var findings = HealthRules.Check(Sample(T0, agents: agents));
        Assert.Equal(5, IncidentPolicy.Observe(book, findings, T0, settings).Count);
        var planned = IncidentPolicy.Plan(book, T0, settings);
        Assert.Equal(3, planned.Count);
        foreach (var step in planned)
        {
            IncidentPolicy.Record(step.Incident, step.Action, StepResult.Applied, "", T0, verifyFrom: T0, settings);
        }

        // Still within the window: the other two wait.
        IncidentPolicy.Observe(book, findings, T0.AddMinutes(1), settings);
        Assert.DoesNotContain(
            IncidentPolicy.Plan(book, T0.AddMinutes(1), settings),
            s => s.Kind == StepKind.Act && s.Incident.Steps.Count == 0
        );
        Assert.Equal(2, book.Incidents.Count(i => i.Steps.Count == 0));

        // The window has moved on: they get their turn.
        IncidentPolicy.Observe(book, findings, T0.AddMinutes(11), settings);
        Assert.Contains(IncidentPolicy.Plan(book, T0.AddMinutes(11), settings), s => s.Kind == StepKind.Act && s.Incident.Steps.Count == 0);
    }

    [Fact]
    public void StatisticalAnomaliesOpenAtOnceAndEachRuleHasItsRemedy()
    {
        var book = new IncidentBook();
        var shift = new Finding("api:odds", "api:odds:latency_ms", AnomalyKind.LevelShift, Severity.Warning, "CUSUM up");
        Assert.Single(IncidentPolicy.Observe(book, [shift], T0, new RemediationSettings()));

        Assert.Equal(RemediationActions.LowerPolling, RemediationActions.For("api:odds", AnomalyKind.LevelShift).Action);
        Assert.Equal(RemediationActions.SlowApi, RemediationActions.For("api:odds", AnomalyKind.RateLimited).Action);
        Assert.Equal(RemediationActions.ClearCache, RemediationActions.For("api:odds", AnomalyKind.MalformedResponses).Action);
        Assert.Equal(RemediationActions.PauseApi, RemediationActions.For("api:odds", AnomalyKind.Unreachable).Action);
        Assert.Equal(RemediationActions.Notify, RemediationActions.For("storage", AnomalyKind.Unreachable).Action);
        Assert.Equal(RemediationActions.CollectActivations, RemediationActions.For("silo:S1", AnomalyKind.Trend).Action);
        Assert.Equal(RemediationActions.PauseStrategy, RemediationActions.For("strategy:x", AnomalyKind.BelowValidatedRange).Action);
        Assert.Equal(RemediationActions.RestartAgent, RemediationActions.For("agent:x", AnomalyKind.AgentFaulted).Action);
    }

    [Fact]
    public void IncidentsStoredAsWordsAreReadIntoTypesOnceOnLoad()
    {
        var old = new Incident { LegacySeverity = "critical", LegacyUndoArgument = "2.5|3" };
        old.Steps.Add(new IncidentStep { Action = RemediationActions.SlowApi, LegacyResult = "verified" });
        old.Steps.Add(new IncidentStep { Action = RemediationActions.Notify, LegacyResult = "sent" });
        var book = new IncidentBook { Incidents = [old, new Incident { Severity = Severity.Info }] };

        Assert.True(book.UpgradeStoredWords());

        Assert.Equal(Severity.Critical, old.Severity);
        Assert.Equal(new TokenBucketSettings(2.5, 3), old.BucketBefore);
        Assert.Equal([StepResult.Verified, StepResult.Sent], old.Steps.Select(s => s.Result));
        Assert.Null(old.LegacySeverity);
        Assert.All(old.Steps, s => Assert.Null(s.LegacyResult));
        Assert.Equal(Severity.Info, book.Incidents[1].Severity);
        Assert.False(book.UpgradeStoredWords()); // once
    }

    [Theory]
    [InlineData("api:odds", "api", "odds")]
    [InlineData("strategy:elo-3f2a:x", "strategy", "elo-3f2a:x")]
    [InlineData("storage", "", "storage")]
    public void ASubjectIsAKindAndAName(string text, string kind, string name)
    {
        Assert.Equal(new HealthSubject(kind, name), HealthSubject.Parse(text));
        Assert.Equal("api:odds", HealthSubject.OfSeries("api:odds:latency_ms"));
    }
}

/// <summary>A memory trend is a leak only when it would exhaust what is left soon.</summary>
public sealed class LeakProjectionTests
{
    [Fact]
    public void ARiseIsALeakOnlyIfItWouldExhaustMemoryWithinTheHorizon()
    {
        // +1 MB per 5 s sample with noise: 720 MB an hour; 2,000 MB left → under 3 hours.
        var random = new Random(3);
        var rising = Enumerable.Range(0, 240).Select(i => 500 + i + random.NextDouble() * 4).ToList();
        Assert.InRange(LeakProjection.HoursToExhaust(rising, 2000, 5), 2.6, 2.95);
        // The same rise with 100 GB left: weeks, not a leak worth waking anyone for within 24 h.
        Assert.True(LeakProjection.HoursToExhaust(rising, 100_000, 5) > 24);
        // Flat or falling memory never runs out.
        Assert.Equal(double.PositiveInfinity, LeakProjection.HoursToExhaust(Enumerable.Repeat(500.0, 100).ToList(), 2000, 5));
        Assert.Equal(double.PositiveInfinity, LeakProjection.HoursToExhaust(rising.AsEnumerable().Reverse().ToList(), 2000, 5));
    }
}

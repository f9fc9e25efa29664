namespace Orleans.Betting.Agents;

/// <summary>
/// The names of the tools agents use (each a grain call an agent must hold in its registry to make), one constant each:
/// the registries, the calls, the catalogue and the decision log all spell a tool the same way.
/// </summary>
public static class ToolNames
{
    public const string AgentsDecisions = "agents.decisions";

    public const string ApisBuckets = "apis.buckets";
    public const string ApisPace = "apis.pace";
    public const string ApisUsage = "apis.usage";

    public const string ApprovalsEnqueue = "approvals.enqueue";
    public const string ApprovalsRead = "approvals.read";

    public const string CatalogList = "catalog.list";

    public const string ClockConfigure = "clock.configure";
    public const string ClockRead = "clock.read";

    public const string ConsensusVote = "consensus.vote";

    public const string DataDownload = "data.download";
    public const string DataFacts = "data.facts";
    public const string DataPrepare = "data.prepare";

    public const string HealthAudit = "health.audit";
    public const string HealthIncidents = "health.incidents";
    public const string HealthStart = "health.start";

    public const string LedgerPlace = "ledger.place";
    public const string LedgerRead = "ledger.read";
    public const string LedgerReport = "ledger.report";
    public const string LedgerSettle = "ledger.settle";
    public const string LedgerVoid = "ledger.void";
    public const string LiveDecide = "live.decide";
    public const string LiveOffer = "live.offer";
    public const string LivePoll = "live.poll";
    public const string LiveSettle = "live.settle";
    public const string LiveStatus = "live.status";

    public const string MarketGenerate = "market.generate";

    public const string Notify = "notify";

    public const string PicksRecord = "picks.record";

    public const string OddsBoard = "odds.board";
    public const string OddsPoll = "odds.poll";
    public const string OddsPrune = "odds.prune";

    public const string PerformanceRecords = "performance.records";
    public const string PerformanceSettle = "performance.settle";

    public const string RegistryList = "registry.list";
    public const string RegistryRead = "registry.read";

    public const string RiskSize = "risk.size";

    public const string SeasonRead = "season.read";

    public const string SteamRead = "steam.read";

    public const string StrategyRevalidations = "strategy.revalidations";

    public const string StorageProbe = "storage.probe";
    public const string StorageReport = "storage.report";

    public const string StrategyBacktest = "strategy.backtest";
    public const string StrategyDeploy = "strategy.deploy";
    public const string StrategyRetire = "strategy.retire";
    public const string StrategyReturns = "strategy.returns";
    public const string StrategyWeight = "strategy.weight";

    public const string SwarmStart = "swarm.start";
    public const string SwarmStatus = "swarm.status";

    public const string WebhookPost = "webhook.post";
}

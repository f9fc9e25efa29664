namespace Orleans.Betting.Client.Commands;

public sealed record MemberStatus(
    string Address,
    string Endpoint,
    string Status,
    string SiloName,
    string HostName,
    int GatewayPort,
    DateTime StartedUtc,
    DateTime LastHeartbeatUtc,
    SiloHealth? Health
);

using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Betting.Agents;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Health;
using Orleans.Runtime;

namespace Orleans.Betting.Silo.Health;

/// <summary>Health-check data keys the auditor reads to place a check in the component graph.</summary>
public static class AuditData
{
    public const string Kind = "kind";
    public const string DependsOn = "dependsOn";

    public static IReadOnlyDictionary<string, object> Node(string kind, params string[] dependsOn) =>
        new Dictionary<string, object> { [Kind] = kind, [DependsOn] = dependsOn };
}

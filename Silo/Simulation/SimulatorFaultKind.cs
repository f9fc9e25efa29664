using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Orleans.Betting.Silo.Simulation;

public enum SimulatorFaultKind
{
    Http500,
    Latency,
    Malformed,
    Reset,
    RateLimit,
}

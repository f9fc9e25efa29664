using System.CommandLine;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Betting.Client.Infrastructure;

public sealed record ClusterTarget(
    IReadOnlyList<IPEndPoint> Gateways,
    string ClusterId,
    string ServiceId,
    TimeSpan ConnectTimeout,
    string GatewayText,
    Orleans.Betting.Security.TransportCertificates? Tls = null
);

using System.Net;

namespace Orleans.Betting.Client.Infrastructure;

public sealed record ClusterTarget(
    IReadOnlyList<IPEndPoint> Gateways,
    string ClusterId,
    string ServiceId,
    TimeSpan ConnectTimeout,
    string GatewayText,
    Orleans.Betting.Security.TransportCertificates? Tls = null,
    System.Security.Cryptography.X509Certificates.X509Certificate2? Operator = null
);

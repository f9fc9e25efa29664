using System.Net;
using System.Net.Sockets;

namespace Orleans.Betting.Client.Infrastructure;

/// <summary>The options every command that talks to the cluster shares.</summary>
public sealed class ConnectionOptions
{
    public const string DefaultGateway = "localhost:30000";

    public Option<string> Gateway { get; } =
        new("--gateway")
        {
            Description = "Gateway endpoint(s) host:port, comma-separated for failover (env BETTING_GATEWAY)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BETTING_GATEWAY") ?? DefaultGateway,
            Recursive = true,
        };

    public Option<string> ClusterId { get; } =
        new("--cluster-id")
        {
            Description = "Orleans cluster id (Orleans:ClusterId of the silos)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Orleans__ClusterId") ?? "betting",
            Recursive = true,
        };

    public Option<string> ServiceId { get; } =
        new("--service-id")
        {
            Description = "Orleans service id (Orleans:ServiceId of the silos)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Orleans__ServiceId") ?? "orleans-betting",
            Recursive = true,
        };

    public Option<int> ConnectTimeoutSeconds { get; } =
        new("--connect-timeout")
        {
            Description = "Seconds to wait for a gateway to answer",
            DefaultValueFactory = _ => 10,
            Recursive = true,
        };

    public Option<string?> TlsCertificate { get; } =
        new("--tls-cert")
        {
            Description = "TLS: this client's certificate (PEM, or .pfx) for silos that require TLS (env BETTING_TLS_CERT)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BETTING_TLS_CERT"),
            Recursive = true,
        };

    public Option<string?> TlsKey { get; } =
        new("--tls-key")
        {
            Description = "TLS: the certificate's private key (PEM; env BETTING_TLS_KEY)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BETTING_TLS_KEY"),
            Recursive = true,
        };

    public Option<string?> TlsCa { get; } =
        new("--tls-ca")
        {
            Description = "TLS: the CA the silos' certificates must chain to (PEM; env BETTING_TLS_CA)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BETTING_TLS_CA"),
            Recursive = true,
        };

    public Option<string?> OperatorCertificate { get; } =
        new("--operator-cert")
        {
            Description =
                "An operator's certificate (PEM with --operator-key, or .pfx; subject OU=operator) that signs operator calls, where it is not the --tls-cert (env BETTING_OPERATOR_CERT)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BETTING_OPERATOR_CERT"),
            Recursive = true,
        };

    public Option<string?> OperatorKey { get; } =
        new("--operator-key")
        {
            Description = "The operator certificate's private key (PEM; env BETTING_OPERATOR_KEY)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BETTING_OPERATOR_KEY"),
            Recursive = true,
        };

    public void AddTo(Command command)
    {
        command.Options.Add(OperatorCertificate);
        command.Options.Add(OperatorKey);
        command.Options.Add(Gateway);
        command.Options.Add(ClusterId);
        command.Options.Add(ServiceId);
        command.Options.Add(ConnectTimeoutSeconds);
        command.Options.Add(TlsCertificate);
        command.Options.Add(TlsKey);
        command.Options.Add(TlsCa);
    }

    public ClusterTarget Read(ParseResult parse) =>
        new(
            ParseGateways(parse.GetValue(Gateway) ?? DefaultGateway),
            parse.GetValue(ClusterId) ?? "betting",
            parse.GetValue(ServiceId) ?? "orleans-betting",
            TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(ConnectTimeoutSeconds))),
            parse.GetValue(Gateway) ?? DefaultGateway,
            ReadTls(parse),
            ReadOperator(parse)
        );

    /// <summary>The operator certificate given apart from TLS, checked to be one (OU=operator) with its key.</summary>
    private System.Security.Cryptography.X509Certificates.X509Certificate2? ReadOperator(ParseResult parse)
    {
        var path = parse.GetValue(OperatorCertificate);
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        System.Security.Cryptography.X509Certificates.X509Certificate2 certificate;
        try
        {
            certificate = Orleans.Betting.Security.TransportCertificates.LoadCertificateWithKey(
                path,
                parse.GetValue(OperatorKey) is { Length: > 0 } key ? key : null,
                "operator"
            );
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--operator-cert: {e.Message}");
        }

        return Orleans.Betting.Security.OperatorCredential.IfOperator(certificate)
            ?? throw new UsageException(
                $"--operator-cert: '{certificate.Subject}' is not an operator's certificate with its key (subject OU=operator, --operator-key)"
            );
    }

    private Orleans.Betting.Security.TransportCertificates? ReadTls(ParseResult parse)
    {
        var certificate = parse.GetValue(TlsCertificate);
        if (string.IsNullOrWhiteSpace(certificate))
        {
            return null;
        }

        var ca = parse.GetValue(TlsCa);
        if (string.IsNullOrWhiteSpace(ca))
        {
            throw new UsageException("--tls-cert needs --tls-ca: the CA the silos' certificates must chain to");
        }

        try
        {
            return Orleans.Betting.Security.TransportCertificates.Load(
                certificate,
                parse.GetValue(TlsKey) is { Length: > 0 } key ? key : null,
                ca
            );
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static IReadOnlyList<IPEndPoint> ParseGateways(string text)
    {
        var result = new List<IPEndPoint>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(part[(colon + 1)..], out var port) || port is < 1 or > 65535)
            {
                throw new UsageException($"--gateway: '{part}' is not host:port");
            }

            var host = part[..colon].Trim('[', ']');
            if (IPAddress.TryParse(host, out var ip))
            {
                result.Add(new IPEndPoint(ip, port));
                continue;
            }

            IPAddress[] addresses;
            try
            {
                addresses = Dns.GetHostAddresses(host);
            }
            catch (SocketException e)
            {
                throw new UsageException($"--gateway: cannot resolve host '{host}' ({e.Message})");
            }

            var chosen =
                addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? addresses.FirstOrDefault()
                ?? throw new UsageException($"--gateway: host '{host}' has no address");
            result.Add(new IPEndPoint(chosen, port));
        }

        return result.Count > 0 ? result : throw new UsageException("--gateway: no endpoint given");
    }
}

using System.Net;
using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>
/// Everything the silo needs from configuration, read and validated once at start-up so that bad
/// configuration fails fast with one message naming the setting.
/// </summary>
public sealed record SiloSettings(
    HostingProfile Profile,
    string DataDirectory,
    DatabaseTarget Database,
    int SiloPort,
    int GatewayPort,
    IPAddress? AdvertisedIp,
    string ClusterId,
    string ServiceId,
    DashboardCredentials? Dashboard,
    Orleans.Betting.Security.TransportCertificates? Tls = null,
    bool ListenOnAllInterfaces = false,
    Security.OperatorPolicy? Operators = null,
    byte[]? InternalCallKey = null
)
{
    /// <summary>The largest message body a silo accepts (16 MB; Orleans' default is 100 MB).</summary>
    public const int MaxMessageBodyBytes = 16 * 1024 * 1024;

    public const string ListenOnAllKey = "Orleans:ListenOnAllInterfaces";

    public const string ProfileKey = "Betting:Profile";
    public const string DataDirKey = "Betting:DataDir";
    public const string ConnectionStringKey = "ConnectionStrings:Betting";
    public const string SiloPortKey = "Orleans:SiloPort";
    public const string GatewayPortKey = "Orleans:GatewayPort";
    public const string AdvertisedIpKey = "Orleans:AdvertisedIP";
    public const string ClusterIdKey = "Orleans:ClusterId";
    public const string ServiceIdKey = "Orleans:ServiceId";
    public const string DashboardUserKey = "Betting:Dashboard:Username";
    public const string DashboardPasswordKey = "Betting:Dashboard:Password";
    public const string TlsCertificateKey = "Orleans:Tls:CertificatePath";
    public const string TlsKeyKey = "Orleans:Tls:KeyPath";
    public const string TlsCaKey = "Orleans:Tls:CaPath";
    public const string TlsRequiredKey = "Orleans:Tls:Required";
    public const string TlsSiloUnitKey = "Orleans:Tls:SiloUnit";

    public const string DefaultClusterId = "betting";
    public const string DefaultServiceId = "orleans-betting";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>Command-line switches that map onto configuration keys.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--data-dir"] = DataDirKey,
        ["--profile"] = ProfileKey,
        ["--import"] = "Betting:Market:ImportDir",
    };

    public string StorageDescription =>
        Database.Engine switch
        {
            DatabaseEngine.Sqlite => $"ADO.NET SQLite file {Database.DisplayName}",
            _ => $"ADO.NET PostgreSQL {Database.DisplayName}",
        };

    public static SiloSettings Read(IConfiguration config, bool forMigrationOnly = false)
    {
        var profileText = config[ProfileKey];
        var profile = HostingProfile.Embedded;
        if (!string.IsNullOrWhiteSpace(profileText) && !Enum.TryParse(profileText.Trim(), ignoreCase: true, out profile))
        {
            throw new ConfigurationError(ProfileKey, $"unknown profile '{profileText}'; expected one of Embedded, Cluster, Kubernetes");
        }

        var dataDir = Path.GetFullPath(string.IsNullOrWhiteSpace(config[DataDirKey]) ? ".betting" : config[DataDirKey]!);
        var siloPort = ReadPort(config, SiloPortKey, DefaultSiloPort);
        var gatewayPort = ReadPort(config, GatewayPortKey, DefaultGatewayPort);
        if (siloPort == gatewayPort)
        {
            throw new ConfigurationError(GatewayPortKey, $"must differ from {SiloPortKey} (both are {siloPort})");
        }

        IPAddress? advertised = null;
        var advertisedText = config[AdvertisedIpKey];
        if (!string.IsNullOrWhiteSpace(advertisedText) && !IPAddress.TryParse(advertisedText, out advertised))
        {
            // A host name (a Compose service name, say) stands for the IPv4 address it resolves to here.
            try
            {
                advertised =
                    Dns.GetHostAddresses(advertisedText)
                        .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                    ?? throw new ConfigurationError(AdvertisedIpKey, $"'{advertisedText}' resolves to no IPv4 address");
            }
            catch (System.Net.Sockets.SocketException e)
            {
                throw new ConfigurationError(
                    AdvertisedIpKey,
                    $"'{advertisedText}' is neither an IP address nor a resolvable host name ({e.Message})"
                );
            }
        }

        var listenOnAll = config.GetValue(ListenOnAllKey, false);
        var clusterId = NonEmpty(config[ClusterIdKey], DefaultClusterId);
        var serviceId = NonEmpty(config[ServiceIdKey], DefaultServiceId);

        DatabaseTarget database;
        if (profile == HostingProfile.Embedded)
        {
            database = DatabaseTarget.SqliteFile(Path.Combine(dataDir, "betting.db"));
        }
        else
        {
            var cs = config[ConnectionStringKey];
            if (string.IsNullOrWhiteSpace(cs))
            {
                throw new ConfigurationError(
                    ConnectionStringKey,
                    $"the {profile} profile needs a PostgreSQL connection string (environment ConnectionStrings__Betting)"
                );
            }

            database = DatabaseTarget.PostgreSql(cs, ConnectionStringKey);
        }

        var user = config[DashboardUserKey];
        var password = config[DashboardPasswordKey];
        DashboardCredentials? dashboard = null;
        if (!string.IsNullOrEmpty(user) || !string.IsNullOrEmpty(password))
        {
            if (string.IsNullOrEmpty(user))
            {
                throw new ConfigurationError(DashboardUserKey, "is empty but a dashboard password is set");
            }

            if (string.IsNullOrEmpty(password))
            {
                throw new ConfigurationError(DashboardPasswordKey, "is empty but a dashboard username is set");
            }

            dashboard = new DashboardCredentials(user, password);
        }
        else if (profile != HostingProfile.Embedded && !forMigrationOnly)
        {
            throw new ConfigurationError(
                DashboardUserKey,
                $"the {profile} profile requires dashboard credentials ({DashboardUserKey} and {DashboardPasswordKey}, environment Betting__Dashboard__Username / Betting__Dashboard__Password)"
            );
        }

        var reachable = Reachable(profile, advertised, listenOnAll);
        var tls = forMigrationOnly ? null : ReadTls(config, profile, reachable);
        return new SiloSettings(
            profile,
            dataDir,
            database,
            siloPort,
            gatewayPort,
            advertised,
            clusterId,
            serviceId,
            dashboard,
            tls,
            listenOnAll,
            forMigrationOnly ? null : Security.OperatorPolicy.Read(config, tls is not null, reachable)
        );
    }

    /// <summary>
    /// Where the silo and gateway listeners can be reached from other machines: always in Kubernetes
    /// (the pod's address); in Cluster when the advertised address is not loopback or the silo listens
    /// on every interface (<see cref="ListenOnAllKey"/>); never in Embedded (localhost clustering).
    /// </summary>
    private static string? Reachable(HostingProfile profile, IPAddress? advertised, bool listenOnAll) =>
        profile switch
        {
            HostingProfile.Kubernetes => "the Kubernetes profile listens on the pod's address",
            HostingProfile.Cluster when listenOnAll => $"{ListenOnAllKey} is on",
            HostingProfile.Cluster when advertised is { } ip && !IPAddress.IsLoopback(ip) => $"the silo listens on {ip}, not loopback",
            _ => null,
        };

    /// <summary>
    /// TLS for silo and gateway connections: required wherever the listeners can be reached from other
    /// machines (unless <see cref="TlsRequiredKey"/>=false says otherwise), optional on loopback.
    /// </summary>
    private static Orleans.Betting.Security.TransportCertificates? ReadTls(IConfiguration config, HostingProfile profile, string? reachable)
    {
        var certificate = config[TlsCertificateKey];
        var required = config.GetValue(TlsRequiredKey, reachable is not null);
        if (string.IsNullOrWhiteSpace(certificate))
        {
            return required
                ? throw new ConfigurationError(
                    TlsCertificateKey,
                    $"the {profile} profile requires TLS here ({reachable ?? "required by configuration"}): mount a certificate and key and set {TlsCertificateKey}, {TlsKeyKey} and {TlsCaKey} (or {TlsRequiredKey}=false)"
                )
                : null;
        }

        var ca = config[TlsCaKey];
        if (string.IsNullOrWhiteSpace(ca))
        {
            throw new ConfigurationError(TlsCaKey, $"is required with {TlsCertificateKey}: the CA that peers' certificates must chain to");
        }

        try
        {
            // The silo port takes certificates naming OU=silo; an empty value checks the CA and EKU only (a CA of silos only).
            var siloUnit = config[TlsSiloUnitKey] is { } unit
                ? NullIfEmpty(unit)
                : Orleans.Betting.Security.TransportCertificates.DefaultSiloUnit;
            return Orleans.Betting.Security.TransportCertificates.Load(certificate, NullIfEmpty(config[TlsKeyKey]), ca, siloUnit);
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationError(TlsCertificateKey, e.Message);
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static int ReadPort(IConfiguration config, string key, int fallback)
    {
        var text = config[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, out var port) || port is < 1 or > 65535)
        {
            throw new ConfigurationError(key, $"'{text}' is not a TCP port (1-65535)");
        }

        return port;
    }

    private static string NonEmpty(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
}

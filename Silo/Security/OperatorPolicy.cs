using System.Security.Cryptography.X509Certificates;
using Orleans.Betting.Security;
using Orleans.Betting.Silo.Hosting;

namespace Orleans.Betting.Silo.Security;

/// <summary>
/// Whether client calls to operator methods need an operator identity, and whose: certificates of
/// <see cref="Authorities"/> with OU=<see cref="Unit"/>. Required wherever TLS is on or the
/// listeners can be reached from other machines (a cluster with client certificates tells its
/// operators from its readers); a loopback cluster without TLS asks for none unless told to.
/// </summary>
public sealed record OperatorPolicy(X509Certificate2Collection Authorities, string Unit)
{
    public const string RequiredKey = "Betting:Security:Operators:Required";
    public const string CaKey = "Betting:Security:Operators:CaPath";
    public const string UnitKey = "Betting:Security:Operators:Unit";

    public static OperatorPolicy? Read(IConfiguration config, bool tls, string? reachable)
    {
        if (!config.GetValue(RequiredKey, tls || reachable is not null))
        {
            return null;
        }

        var ca = config[CaKey];
        if (string.IsNullOrWhiteSpace(ca))
        {
            ca = config[SiloSettings.TlsCaKey];
        }

        if (string.IsNullOrWhiteSpace(ca))
        {
            throw new ConfigurationError(
                CaKey,
                $"operator calls need an identity here ({reachable ?? "required by configuration"}): set {CaKey} (or {SiloSettings.TlsCaKey}) to the CA of operators' certificates, or {RequiredKey}=false"
            );
        }

        X509Certificate2Collection authorities;
        try
        {
            authorities = TransportCertificates.LoadAuthorities(ca, "operator");
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationError(CaKey, e.Message);
        }

        var unit = config[UnitKey];
        return new OperatorPolicy(authorities, string.IsNullOrWhiteSpace(unit) ? OperatorAssertion.DefaultUnit : unit.Trim());
    }
}

using System.Security.Cryptography;
using System.Text;
using Orleans.Betting.Silo.Hosting;

namespace Orleans.Betting.Silo.WebConsole;

/// <summary>Who is at the console: a name, and whether that name may act (an operator) or only read.</summary>
public sealed record ConsoleIdentity(string Name, bool IsOperator);

/// <summary>
/// The web console's and the JSON API's sign-in, on the dashboard's listener: HTTP basic authentication
/// against the dashboard's credentials (readers) and the operators of <c>Betting:Console:Operators:NAME</c>
/// (each a password, from the environment: <c>Betting__Console__Operators__alice=…</c>). Reads are open
/// where the dashboard is (a loopback listener without credentials); actions need an operator, except on
/// a loopback cluster that asks no identity of anyone (no operators configured, no operator policy), where
/// the console acts as the client does there: recorded as unverified.
/// </summary>
public sealed class ConsoleAccess
{
    public const string OperatorsSection = "Betting:Console:Operators";
    public const string Realm = "Orleans.Betting console";

    private readonly (string Name, byte[] Expected)? reader;
    private readonly List<(string Name, byte[] Expected)> operators;

    public ConsoleAccess(DashboardCredentials? readers, IReadOnlyDictionary<string, string> operatorPasswords, bool identityRequired)
    {
        reader = readers is null ? null : (readers.Username, Encoding.UTF8.GetBytes($"{readers.Username}:{readers.Password}"));
        operators = operatorPasswords.Select(o => (o.Key, Encoding.UTF8.GetBytes($"{o.Key}:{o.Value}"))).ToList();
        ReadsOpen = readers is null;
        ActionsOpen = operators.Count == 0 && !identityRequired;
    }

    /// <summary>Anyone reaching the listener may read (no dashboard credentials are configured).</summary>
    public bool ReadsOpen { get; }

    /// <summary>Anyone may act, recorded unverified: a loopback cluster that asks no identity and names no console operator.</summary>
    public bool ActionsOpen { get; }

    public int Operators => operators.Count;

    public static ConsoleAccess Read(IConfiguration config, SiloSettings settings)
    {
        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in config.GetSection(OperatorsSection).GetChildren())
        {
            if (string.IsNullOrWhiteSpace(entry.Value) || entry.Value.Length < 8)
            {
                throw new ConfigurationError(
                    $"{OperatorsSection}:{entry.Key}",
                    "an operator's console password of at least 8 characters (set it in the environment, never in a file)"
                );
            }

            if (entry.Key.Contains(':', StringComparison.Ordinal))
            {
                throw new ConfigurationError($"{OperatorsSection}:{entry.Key}", "an operator name without ':'");
            }

            passwords[entry.Key] = entry.Value;
        }

        return new ConsoleAccess(settings.Dashboard, passwords, settings.Operators is not null);
    }

    /// <summary>The identity the request's basic credentials prove, or null (none given, or wrong).</summary>
    public ConsoleIdentity? Identify(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        byte[] given;
        try
        {
            given = Convert.FromBase64String(header[scheme.Length..].Trim());
        }
        catch (FormatException)
        {
            return null;
        }

        // Every candidate is compared (in fixed time each), so the answer's timing does not say which name exists.
        ConsoleIdentity? found = null;
        foreach (var (name, expected) in operators)
        {
            if (CryptographicOperations.FixedTimeEquals(given, expected))
            {
                found = new ConsoleIdentity(name, IsOperator: true);
            }
        }

        if (reader is { } r && CryptographicOperations.FixedTimeEquals(given, r.Expected))
        {
            found ??= new ConsoleIdentity(r.Name, IsOperator: false);
        }

        return found;
    }
}

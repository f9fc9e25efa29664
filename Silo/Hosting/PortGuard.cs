using System.Net;
using System.Net.Sockets;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>Checks before start-up that the ports we are about to listen on are free, so a clash
/// is reported as one line naming the setting instead of a failure deep inside the silo.</summary>
public static class PortGuard
{
    public static void EnsureFree(int port, string setting)
    {
        foreach (var address in new[] { IPAddress.Loopback, IPAddress.Any })
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(address, port));
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                throw new ConfigurationError(
                    setting,
                    $"port {port} is already in use on {address} (another silo or program listens there; choose another port)"
                );
            }
        }
    }

    /// <summary>The first URL of --urls / ASPNETCORE_URLS that listens beyond loopback (all interfaces, an address or a name), or null.</summary>
    public static string? BeyondLoopback(string urls)
    {
        foreach (var (part, uri) in Listeners(urls))
        {
            // An unreadable URL is not known to be loopback (Kestrel will say what is wrong with it).
            var loopback =
                uri is not null
                && (
                    string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
                    || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address))
                );
            if (!loopback)
            {
                return part;
            }
        }

        return null;
    }

    /// <summary>The HTTP ports of ASP.NET's --urls / ASPNETCORE_URLS value.</summary>
    public static IEnumerable<int> HttpPorts(string urls) => Listeners(urls).Where(l => l.Uri is { Port: > 0 }).Select(l => l.Uri!.Port);

    /// <summary>Each URL of the list as written, and read as a URI (null when it is not one).</summary>
    private static IEnumerable<(string Part, Uri? Uri)> Listeners(string urls)
    {
        foreach (var part in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel accepts '*' and '+' as hosts, which Uri does not.
            var normalised = part.Replace("://*", "://0.0.0.0", StringComparison.Ordinal)
                .Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            yield return (part, Uri.TryCreate(normalised, UriKind.Absolute, out var uri) ? uri : null);
        }
    }
}

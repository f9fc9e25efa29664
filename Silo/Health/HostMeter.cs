using System.Net.NetworkInformation;
using Orleans.Betting.Health;
using Orleans.Betting.Silo.Hosting;
using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Silo.Health;

/// <summary>
/// Measures this silo's host for the auditor: the data directory's disk, the size of our data files there, and the
/// network interfaces' counters turned into rates over the interval since the last reading. A counter the platform
/// does not provide is left out (null), never guessed.
/// </summary>
public sealed class HostMeter(SiloSettings settings, ILocalSiloDetails local, TimeProvider time)
{
    private (DateTime At, long Sent, long Received, long? Errors)? previous;

    public HostFigures Read()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var dir = settings.DataDirectory;
        double? free = null,
            total = null;
        try
        {
            var drive = new DriveInfo(Path.GetPathRoot(Path.GetFullPath(dir)) ?? "/");
            (free, total) = (drive.AvailableFreeSpace / 1048576.0, drive.TotalSize / 1048576.0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // no disk figures on this platform or mount
        }

        var dataMb = settings.Database.Engine == DatabaseEngine.Sqlite ? DataFilesMb(dir) : 0;
        var (sent, received, errors) = Network();
        double? sentRate = null,
            receivedRate = null,
            errorRate = null;
        if (previous is { } p && now > p.At)
        {
            var seconds = (now - p.At).TotalSeconds;
            sentRate = Math.Max(0, sent - p.Sent) / seconds;
            receivedRate = Math.Max(0, received - p.Received) / seconds;
            errorRate = errors is { } e2 && p.Errors is { } e1 ? Math.Max(0, e2 - e1) / seconds * 60 : null;
        }

        previous = (now, sent, received, errors);
        return new HostFigures(local.SiloAddress.Endpoint.ToString(), now, dir, free, total, dataMb, sentRate, receivedRate, errorRate);
    }

    private static double DataFilesMb(string dir)
    {
        try
        {
            return Directory.Exists(dir)
                ? new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1048576.0
                : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // a file removed while counting: the next audit counts again
        }
    }

    /// <summary>Bytes sent and received, and errors plus discards, over every interface that is up (loopback included: the silos talk over it here).</summary>
    private static (long Sent, long Received, long? Errors) Network()
    {
        long sent = 0,
            received = 0;
        long? errors = 0;
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces().Where(n => n.OperationalStatus == OperationalStatus.Up))
        {
            var stats = nic.GetIPStatistics();
            sent += stats.BytesSent;
            received += stats.BytesReceived;
            try
            {
                errors += stats.IncomingPacketsWithErrors + stats.OutgoingPacketsWithErrors + stats.IncomingPacketsDiscarded;
            }
            catch (PlatformNotSupportedException)
            {
                errors = null;
            }
        }

        return (sent, received, errors);
    }
}

using Orleans.Betting.Silo.Security;
using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Tests.Security;

/// <summary>The database (it holds the internal-call key), its directory and private keys are readable by the silo's user only.</summary>
public sealed class PrivateFilesTests
{
    [Fact]
    public async Task TheDatabaseItsNewDirectoryAndPrivateKeysAreTheOwnersOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // ACLs, not modes
        }

        using var root = new TempDirectory("private-files");
        var data = Path.Combine(root.Path, "data");
        var database = Path.Combine(data, "betting.db");
        await SchemaMigrator.ApplyAsync(DatabaseTarget.SqliteFile(database));
        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(data));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(database));

        // A database left readable by an older version is tightened on the next start.
        File.SetUnixFileMode(database, PrivateFiles.FileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await SchemaMigrator.ApplyAsync(DatabaseTarget.SqliteFile(database));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(database));

        var certificates = Path.Combine(root.Path, "certs");
        var written = DevCertificates.Write(certificates, ["silo"], ["reader"], TimeSpan.FromDays(1), ["alice"]);
        var keys = written.Where(f => f.EndsWith(".key", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, keys.Length);
        foreach (var key in keys)
        {
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(key));
            // Plain PEM, no byte-order mark (OpenSSL and other PEM readers reject one).
            Assert.Equal("-----BEGIN PRIVATE KEY-----"u8.ToArray(), File.ReadAllBytes(key).Take(27).ToArray());
        }
    }
}

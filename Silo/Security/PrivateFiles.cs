namespace Orleans.Betting.Silo.Security;

/// <summary>
/// Files only the silo's own user may read: the database (it holds the internal-call key), its data
/// directory and private keys. Created with these modes (no window in which another local user
/// could open them) and tightened when they already exist. A no-op on Windows, where ACLs govern.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates a directory as 0700 (an existing one is left as it is: it may be the user's own).</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }
    }

    /// <summary>Writes a file created as 0600 (an existing file is tightened to 0600 first).</summary>
    public static void WriteAllText(string path, string text)
    {
        Restrict(path);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options); // no BOM: PEM readers such as OpenSSL reject one
        writer.Write(text);
    }

    /// <summary>Sets 0600 on the files that exist among these.</summary>
    public static void Restrict(params string[] paths)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var path in paths.Where(File.Exists))
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }
}

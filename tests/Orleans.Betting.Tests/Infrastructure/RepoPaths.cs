namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>Where the built silo and client live, found from the repository root.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (the silo and client share it).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";

    public static string SiloDll => Built("Silo", "Orleans.Betting.Silo.dll");

    public static string ClientDll => Built("Client", "Orleans.Betting.Client.dll");

    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{dll} is not built; build the solution first ({path})");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.Betting.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orleans.Betting.sln not found above " + AppContext.BaseDirectory);
    }
}

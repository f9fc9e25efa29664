namespace Orleans.Betting.Silo.Hosting;

/// <summary>Dashboard basic-auth credentials; null means the dashboard is open.</summary>
public sealed record DashboardCredentials(string Username, string Password)
{
    // Records print every member; the password must never reach a log or a banner.
    public override string ToString() => $"{Username}:***";
}

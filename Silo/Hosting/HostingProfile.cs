namespace Orleans.Betting.Silo.Hosting;

public enum HostingProfile
{
    Embedded,
    Cluster,
    Kubernetes,
}

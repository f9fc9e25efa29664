using System.Net;
using Microsoft.Extensions.Configuration;
using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Silo.Hosting;

public enum HostingProfile
{
    Embedded,
    Cluster,
    Kubernetes,
}

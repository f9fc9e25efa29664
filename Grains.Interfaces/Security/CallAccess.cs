using System.Collections.Concurrent;
using System.Reflection;

namespace Orleans.Betting.Security;

/// <summary>What a client needs to call a method (DESIGN §10), decided once per method.</summary>
public enum CallAccess
{
    /// <summary>
    /// Orleans' own and the dashboard's interfaces (stream queues and rendezvous, reminders, grain
    /// extensions, system targets): for callers inside the cluster only — grains, system targets and
    /// a silo's own hosted client. A client outside reaches only what <see cref="ClientAllowList"/> allows.
    /// </summary>
    Internal,

    /// <summary>A read: any client the transport let in.</summary>
    Read,

    /// <summary>Changes something: an operator identity, or a call from inside the cluster.</summary>
    Operator,
}

public static class CallAccessRules
{
    private static readonly Assembly Ours = typeof(ClientReadableAttribute).Assembly;
    private static readonly ConcurrentDictionary<MethodInfo, CallAccess> Known = new();

    /// <summary>
    /// Our interfaces: <see cref="ClientReadableAttribute"/> makes a read, anything else is an
    /// operator method (deny by default). Orleans' management grain: its Get… methods are reads, the
    /// rest (forcing collections, changing activation limits) operator methods. Every other
    /// interface is <see cref="CallAccess.Internal"/>.
    /// </summary>
    public static CallAccess Of(MethodInfo method) => Known.GetOrAdd(method, Classify);

    private static CallAccess Classify(MethodInfo method)
    {
        var type = method.DeclaringType;
        if (type == typeof(IManagementGrain))
        {
            return method.Name.StartsWith("Get", StringComparison.Ordinal) ? CallAccess.Read : CallAccess.Operator;
        }

        if (type is null || type.Assembly != Ours)
        {
            return CallAccess.Internal;
        }

        return method.IsDefined(typeof(ClientReadableAttribute)) || type.IsDefined(typeof(ClientReadableAttribute))
            ? CallAccess.Read
            : CallAccess.Operator;
    }
}

/// <summary>
/// The Orleans interfaces a client outside the cluster may call although they are
/// <see cref="CallAccess.Internal"/>: by default what the client runtime itself asks while it
/// connects (the cluster's type manifest, a read). Nothing that writes, and no stream: a client
/// neither publishes onto the agents' bus nor subscribes to it (it reads through the grains' reads).
/// A host adds its own reads (the test cluster's hooks) with <see cref="Allow"/>.
/// </summary>
public sealed class ClientAllowList
{
    private readonly HashSet<string> methods = new(StringComparer.Ordinal)
    {
        "Orleans.Runtime.IClusterManifestSystemTarget.GetClusterManifest",
        "Orleans.Runtime.IClusterManifestSystemTarget.GetClusterManifestUpdate",
    };

    /// <summary>An interface's method by full name ("Namespace.IInterface.Method"), or every method of an interface ("Namespace.IInterface.*").</summary>
    public ClientAllowList Allow(string method)
    {
        methods.Add(method);
        return this;
    }

    public bool Allows(MethodInfo method) =>
        method.DeclaringType?.FullName is { } type && (methods.Contains($"{type}.{method.Name}") || methods.Contains($"{type}.*"));
}

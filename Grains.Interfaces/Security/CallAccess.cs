using System.Collections.Concurrent;
using System.Reflection;

namespace Orleans.Betting.Security;

/// <summary>What a client needs to call a method (DESIGN §10), decided once per method.</summary>
public enum CallAccess
{
    /// <summary>Not ours to gate: Orleans' own and the dashboard's grain interfaces.</summary>
    Open,

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
    /// rest (forcing collections, changing activation limits) operator methods.
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
            return CallAccess.Open;
        }

        return method.IsDefined(typeof(ClientReadableAttribute)) || type.IsDefined(typeof(ClientReadableAttribute))
            ? CallAccess.Read
            : CallAccess.Operator;
    }
}

using System.Reflection;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>
/// The gate's tests walk our grain interfaces by reflection: each method once, through a grain
/// interface that one grain class implements, and a call of it with default arguments.
/// </summary>
public static class GrainMethodProbe
{
    private static readonly Assembly Interfaces = typeof(Orleans.Betting.Agents.IAgentGrain).Assembly;
    private static readonly Assembly Implementations = typeof(Orleans.Betting.Agents.ApprovalQueueGrain).Assembly;

    public static IEnumerable<(Type Grain, MethodInfo Method)> Methods(Func<MethodInfo, bool> include)
    {
        var seen = new HashSet<MethodInfo>();
        var grains = Interfaces
            .GetTypes()
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t) && ImplementationCount(t) == 1)
            .OrderBy(t => t.Name);
        foreach (var grain in grains)
        {
            foreach (var method in new[] { grain }.Concat(grain.GetInterfaces()).SelectMany(i => i.GetMethods()).Where(m => !m.IsStatic))
            {
                if (include(method) && seen.Add(method))
                {
                    yield return (grain, method);
                }
            }
        }
    }

    /// <summary>True for a method declared by one of our interfaces (not Orleans' own).</summary>
    public static bool Ours(MethodInfo method) => method.DeclaringType?.Assembly == Interfaces;

    /// <summary>Calls <paramref name="method"/> on the grain of <paramref name="key"/> (0 or the empty GUID for numeric keys) with default arguments.</summary>
    public static Task Call(IGrainFactory grains, Type grain, MethodInfo method, string key)
    {
        IAddressable reference =
            typeof(IGrainWithIntegerKey).IsAssignableFrom(grain) ? grains.GetGrain(grain, 0L)
            : typeof(IGrainWithGuidKey).IsAssignableFrom(grain) ? grains.GetGrain(grain, Guid.Empty)
            : grains.GetGrain(grain, key);
        var arguments = method
            .GetParameters()
            .Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)
            .ToArray();
        return method.Invoke(reference, arguments) switch
        {
            Task task => task,
            ValueTask valueTask => valueTask.AsTask(),
            var other => throw new InvalidOperationException($"{method.Name} returned {other?.GetType().Name}: not a grain call"),
        };
    }

    private static int ImplementationCount(Type grainInterface) =>
        Implementations.GetTypes().Count(t => t.IsClass && !t.IsAbstract && grainInterface.IsAssignableFrom(t));
}

namespace Orleans.Betting.Security;

/// <summary>
/// A read any authenticated client may call (DESIGN §10). Every other method of our grain
/// interfaces is an operator method: a client needs an operator identity to call it, while calls
/// from inside the cluster always pass. On an interface, it marks all of its methods.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, Inherited = false)]
public sealed class ClientReadableAttribute : Attribute;

/// <summary>
/// The most rows any read returns, whatever a caller asks: a reader's call costs a bounded answer
/// (a limit of int.MaxValue would otherwise walk every journal page kept and ship it whole).
/// </summary>
public static class ReadLimit
{
    public const int Max = 5_000;

    public static int Clamp(int limit) => Math.Clamp(limit, 1, Max);
}

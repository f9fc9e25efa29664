namespace Orleans.Betting.Security;

/// <summary>
/// A read any authenticated client may call (DESIGN §10). Every other method of our grain
/// interfaces is an operator method: a client needs an operator identity to call it, while calls
/// from inside the cluster always pass. On an interface, it marks all of its methods.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, Inherited = false)]
public sealed class ClientReadableAttribute : Attribute;

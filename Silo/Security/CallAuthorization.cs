using Orleans.Betting.Security;

namespace Orleans.Betting.Silo.Security;

/// <summary>
/// The gate on every call into our grains (DESIGN §10): a call stamped by a silo passes; a read
/// (<see cref="ClientReadableAttribute"/>) passes for any client the transport let in; every other
/// method needs an operator assertion that holds for this very call, and the operator's verified
/// name then travels with it (<see cref="CallerIdentity.Operator"/>). Orleans' management grain
/// answers clients' reads (Get…) only. A name a client put in the request context is removed.
/// </summary>
public sealed class CallAuthorization(InternalCallStamp stamp, OperatorAccess operators) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod;
        var access = method is null ? CallAccess.Open : CallAccessRules.Of(method);
        // The common case (a silo's own call, Orleans' own interfaces) without a state machine.
        return access == CallAccess.Open || stamp.Holds(method!, RequestContext.Get(CallerIdentity.InternalStampKey) as string)
            ? context.Invoke()
            : FromOutsideAsync(context, method!, access);
    }

    private async Task FromOutsideAsync(IIncomingGrainCallContext context, System.Reflection.MethodInfo method, CallAccess access)
    {
        // From outside: only what this filter establishes names the caller.
        RequestContext.Remove(CallerIdentity.OperatorKey);
        RequestContext.Remove(CallerIdentity.InternalStampKey);
        if (access == CallAccess.Read)
        {
            await context.Invoke();
            return;
        }

        var name = OperatorAssertion.MethodName(method);
        if (RequestContext.Get(CallerIdentity.AssertionKey) is not string assertion)
        {
            throw new UnauthorizedAccessException(
                $"{name} is an operator method and this call carries no operator identity: connect with a client certificate whose subject has OU={operators.Unit} (dev-certs --operators NAME); reads stay open"
            );
        }

        var (who, error) = operators.Verify(assertion, method, context.TargetId.ToString());
        if (who is null)
        {
            throw new UnauthorizedAccessException($"{name} is an operator method and the operator identity was refused: {error}");
        }

        RequestContext.Set(CallerIdentity.OperatorKey, who);
        await context.Invoke();
    }

    /// <summary>
    /// The silos' side: stamps each call into an operator method, and never lets a stamp reach a
    /// client. A stamp left in the caller's context afterwards names another method and goes only to
    /// silos (a call to a client removes it), so no state machine is spent restoring the context.
    /// </summary>
    public sealed class Stamping(InternalCallStamp stamp) : IOutgoingGrainCallFilter
    {
        public Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.TargetId.IsClient())
            {
                RequestContext.Remove(CallerIdentity.InternalStampKey);
            }
            else if (context.InterfaceMethod is { } method && CallAccessRules.Of(method) == CallAccess.Operator)
            {
                RequestContext.Set(CallerIdentity.InternalStampKey, stamp.For(method));
            }

            return context.Invoke();
        }
    }
}

using Orleans.Betting.Security;

namespace Orleans.Betting.Silo.Security;

/// <summary>
/// The gate on every call into our grains (DESIGN §10): a call stamped by a silo for this method
/// and grain passes; a read (<see cref="ClientReadableAttribute"/>) passes for any client the
/// transport let in; every other method needs an operator assertion that holds for this very call,
/// and the operator's verified name then travels with it (<see cref="CallerIdentity.Operator"/>).
/// Orleans' management grain answers clients' reads (Get…) only, and every other Orleans interface
/// (stream queues and rendezvous, reminders, grain extensions, system targets) answers callers inside
/// the cluster only: a client can neither publish onto the agents' bus, nor subscribe to it, nor fire
/// a reminder or deactivate a grain. Before any grain runs, the stamp
/// and the assertion are removed, and so is an operator name the filter did not establish or a
/// silo vouch for: nothing a client sets under our keys is believed, and a stream message (whose
/// request context Orleans restores for every subscriber) carries none of them on.
/// </summary>
public sealed partial class CallAuthorization(
    InternalCallStamp stamp,
    OperatorAccess operators,
    ClientAllowList allowed,
    ILogger<CallAuthorization> logger
) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod;
        var access = method is null ? CallAccess.Internal : CallAccessRules.Of(method);
        if (access == CallAccess.Internal)
        {
            if (IsOutsideClient(context.SourceId) && (method is null || !allowed.Allows(method)))
            {
                var name = method is null ? context.InterfaceName + "." + context.MethodName : OperatorAssertion.MethodName(method);
                Log.RefusedInternal(logger, Monitoring.LogText.Safe(name), context.SourceId?.ToString() ?? "", context.TargetId.ToString());
                throw new UnauthorizedAccessException(
                    $"{name} is an Orleans interface for callers inside the cluster: clients call the grains' own methods (reads open, the rest with an operator identity)"
                );
            }

            // Orleans' own interfaces (stream deliveries, reminders, extensions) vouch for nobody.
            RemoveIdentity(keepOperator: false);
            return context.Invoke();
        }

        if (stamp.Holds(method!, context.TargetId, RequestContext.Get(CallerIdentity.InternalStampKey) as string))
        {
            // A silo's call: the operator it names, if any, is the silo's word; the stamp goes no further.
            RemoveIdentity(keepOperator: true);
            return context.Invoke();
        }

        return FromOutsideAsync(context, method!, access);
    }

    /// <summary>
    /// A client connected through a gateway. A silo's own hosted client (the dashboard's and the
    /// HTTP endpoints' calls) is inside: Orleans names it "hosted-" and the silo's address, a name
    /// the client runtime never gives a connecting client (it draws a random one).
    /// </summary>
    private static bool IsOutsideClient(GrainId? source) =>
        source is { } id && id.IsClient() && !id.Key.ToString()!.StartsWith("hosted-", StringComparison.Ordinal);

    private static void RemoveIdentity(bool keepOperator)
    {
        RequestContext.Remove(CallerIdentity.InternalStampKey);
        RequestContext.Remove(CallerIdentity.AssertionKey);
        if (!keepOperator)
        {
            RequestContext.Remove(CallerIdentity.OperatorKey);
        }
    }

    private async Task FromOutsideAsync(IIncomingGrainCallContext context, System.Reflection.MethodInfo method, CallAccess access)
    {
        // From outside: only what this filter establishes names the caller.
        var assertion = RequestContext.Get(CallerIdentity.AssertionKey) as string;
        RemoveIdentity(keepOperator: false);
        if (access == CallAccess.Read)
        {
            await context.Invoke();
            return;
        }

        var name = OperatorAssertion.MethodName(method);
        if (assertion is null)
        {
            throw new UnauthorizedAccessException(
                $"{name} is an operator method and this call carries no operator identity: connect with a client certificate whose subject has OU={operators.Unit} (dev-certs --operators NAME); reads stay open"
            );
        }

        var (who, error) = operators.Verify(
            assertion,
            method,
            context.TargetId.ToString(),
            OperatorAssertion.ArgumentsHash(context.Request)
        );
        if (who is null)
        {
            Log.RefusedAssertion(logger, name, context.SourceId?.ToString() ?? "", context.TargetId.ToString(), error ?? "");
            throw new UnauthorizedAccessException($"{name} is an operator method and the operator identity was refused: {error}");
        }

        RequestContext.Set(CallerIdentity.OperatorKey, who);
        await context.Invoke();
    }

    /// <summary>
    /// The silos' side: stamps each call into an operator method for its method and target grain,
    /// and never lets a stamp reach a client. An async method, so the stamp set here is gone from the
    /// caller's context when the call returns (it cannot ride on the caller's later calls or stream
    /// messages).
    /// </summary>
    public sealed class Stamping(InternalCallStamp stamp) : IOutgoingGrainCallFilter
    {
        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.TargetId.IsClient())
            {
                RequestContext.Remove(CallerIdentity.InternalStampKey);
                RequestContext.Remove(CallerIdentity.OperatorKey);
            }
            else if (context.InterfaceMethod is { } method && CallAccessRules.Of(method) == CallAccess.Operator)
            {
                RequestContext.Set(CallerIdentity.InternalStampKey, stamp.For(method, context.TargetId));
            }

            await context.Invoke();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} from {Source} to {Target}: {Error}")]
        public static partial void RefusedAssertion(ILogger logger, string method, string source, string target, string error);

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "Refused {Method} from client {Source} to {Target}: an Orleans interface for callers inside the cluster"
        )]
        public static partial void RefusedInternal(ILogger logger, string method, string source, string target);
    }
}

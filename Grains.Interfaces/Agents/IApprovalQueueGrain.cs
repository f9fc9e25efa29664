namespace Orleans.Betting.Agents;

/// <summary>
/// What waits for a human (key "approvals"): strategies held before deployment, and escalated
/// incidents (approve: automation retries the remediation; reject: a human handles it, automation stays off).
/// </summary>
public interface IApprovalQueueGrain : IGrainWithStringKey
{
    const string Key = "approvals";

    Task EnqueueAsync(ApprovalItem item);

    [ClientReadable]
    Task<IReadOnlyList<ApprovalItem>> ListAsync();

    /// <summary>
    /// Decides a waiting item. The decider recorded is the caller's verified operator identity; only
    /// where the cluster asks for none (loopback) is <paramref name="by"/> kept, marked "(unverified)".
    /// </summary>
    Task<ApprovalItem> DecideAsync(string subject, bool approve, string by);
}

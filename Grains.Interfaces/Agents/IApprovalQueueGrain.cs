namespace Orleans.Betting.Agents;

/// <summary>
/// What waits for a human (key "approvals"): strategies held before deployment, and escalated
/// incidents (approve: automation retries the remediation; reject: a human handles it, automation stays off).
/// </summary>
public interface IApprovalQueueGrain : IGrainWithStringKey
{
    const string Key = "approvals";

    Task EnqueueAsync(ApprovalItem item);

    Task<IReadOnlyList<ApprovalItem>> ListAsync();

    Task<ApprovalItem> DecideAsync(string subject, bool approve, string by);
}

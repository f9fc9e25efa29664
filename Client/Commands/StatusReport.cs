namespace Orleans.Betting.Client.Commands;

public sealed record StatusReport(
    string ClusterId,
    IReadOnlyList<MemberStatus> Members,
    IReadOnlyList<GrainTypeActivations> GrainTypes,
    JournalSummary Journal,
    IReadOnlyList<ApiStatus> Apis
);

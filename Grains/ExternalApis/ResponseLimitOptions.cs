using Orleans.Betting.Configuration;

namespace Orleans.Betting.ExternalApis;

/// <summary>
/// How much of an API's answer we read and how long we wait for it (<c>Betting:Apis:{api}</c>,
/// named options per API): the resilience timeouts cover the headers and, because the body is read
/// inside the pipeline by <see cref="BoundedResponseHandler"/>, the body too.
/// </summary>
public sealed class ResponseLimitOptions : IValidatedOptions
{
    /// <summary>Bytes a response body may hold (default 16 MiB: a full odds response is 1–2 MB, a season's CSV under 1 MB).</summary>
    public long MaxResponseBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Seconds the whole body may take to arrive once the headers are in.</summary>
    public double BodyTimeoutSeconds { get; set; } = 20;

    public TimeSpan BodyTimeout => TimeSpan.FromSeconds(BodyTimeoutSeconds);

    public void Validate(OptionsProblems problems) =>
        problems
            .Between(nameof(MaxResponseBytes), MaxResponseBytes, 1024, 1L << 30)
            .Positive(nameof(BodyTimeoutSeconds), BodyTimeoutSeconds);
}

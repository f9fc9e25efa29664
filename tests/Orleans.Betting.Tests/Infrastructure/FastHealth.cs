namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>
/// The health loop sped up for in-process clusters: a sample every 0.5 s, short remediation cooldowns
/// and verification, agents ticking every 0.2 s, alerts to the loopback webhook; plus the test's own settings.
/// </summary>
public static class FastHealth
{
    public static Dictionary<string, string?> Settings(WebhookReceiver hook, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Betting:Health:SampleSeconds"] = "0.5",
            ["Betting:Health:Remediation:CooldownSeconds"] = "0.5",
            ["Betting:Health:Remediation:VerifySeconds"] = "1",
            ["Betting:Agents:TickSeconds"] = "0.2",
            ["Betting:Notifications:WebhookUrl"] = hook.BaseUrl + "hooks/ops",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }
}

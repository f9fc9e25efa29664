using Orleans.Betting.Silo.Security;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Security;

/// <summary>
/// The console client against a loopback silo told to ask for operator identities without TLS: an
/// operator certificate given apart from TLS (--operator-cert) signs its operator calls; without
/// one the same command is refused (exit 4) while reads answer; a reader's certificate given as
/// an operator's is a usage error naming what is missing.
/// </summary>
[Collection(MachineWideCollection.Name)]
[Trait(Tier.Name, Tier.System)]
public sealed class OperatorClientProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AnOperatorCertificateApartFromTlsSignsTheClientsOperatorCalls()
    {
        using var certs = new TempDirectory("operator-client-certs");
        DevCertificates.Write(certs.Path, ["silo"], ["reader"], TimeSpan.FromDays(1), ["alice"]);
        string P(string file) => Path.Combine(certs.Path, file);
        using var data = new TempDirectory("operator-client");
        await using var silo = SiloProcess.Start(
            data.Path,
            extraArgs: ["--Betting:Security:Operators:Required=true", $"--Betting:Security:Operators:CaPath={P("ca.crt")}"]
        );
        await silo.WaitReadyAsync();

        var refused = await ClientProcess.RunAsync(["agents", "pause", "orchestrator", "--gateway", silo.Gateway]);
        output.WriteLine($"without: exit {refused.ExitCode}: {refused.StandardError.Trim()}");
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("refused: IAgentGrain.PauseAsync is an operator method", refused.StandardError);
        Assert.Equal(0, (await ClientProcess.RunAsync(["agents", "status", "--gateway", silo.Gateway])).ExitCode);

        var allowed = await ClientProcess.RunAsync([
            "agents",
            "pause",
            "orchestrator",
            "--gateway",
            silo.Gateway,
            "--operator-cert",
            P("alice.crt"),
            "--operator-key",
            P("alice.key"),
        ]);
        Assert.True(allowed.ExitCode == 0, allowed.StandardError);
        Assert.StartsWith("orchestrator:", allowed.StandardOutput);

        var reader = await ClientProcess.RunAsync([
            "agents",
            "pause",
            "orchestrator",
            "--gateway",
            silo.Gateway,
            "--operator-cert",
            P("reader.crt"),
            "--operator-key",
            P("reader.key"),
        ]);
        Assert.Equal(2, reader.ExitCode);
        Assert.Contains("is not an operator's certificate", reader.StandardError);
    }
}

using Orleans.Betting.Silo.Hosting;

namespace Orleans.Betting.Tests.Hosting;

public sealed class PortGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", null)]
    [InlineData("http://localhost:8080;http://[::1]:8081", null)]
    [InlineData("http://0.0.0.0:8080", "http://0.0.0.0:8080")]
    [InlineData("http://127.0.0.1:8080;http://*:8081", "http://*:8081")]
    [InlineData("http://+:80", "http://+:80")]
    [InlineData("http://10.0.0.5:8080", "http://10.0.0.5:8080")]
    [InlineData("http://silo1:8080", "http://silo1:8080")]
    public void AListenerBeyondLoopbackIsNamed(string urls, string? open) => Assert.Equal(open, PortGuard.BeyondLoopback(urls));
}

using Microsoft.Extensions.Configuration;
using Orleans.Betting.Silo.Hosting;
using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Tests.Hosting;

public sealed class SiloSettingsTests
{
    private static SiloSettings Read(params (string Key, string Value)[] values) =>
        SiloSettings.Read(
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build()
        );

    [Fact]
    public void DefaultsToEmbeddedWithSqliteInDotBetting()
    {
        var settings = Read();
        Assert.Equal(HostingProfile.Embedded, settings.Profile);
        Assert.Equal(DatabaseEngine.Sqlite, settings.Database.Engine);
        Assert.Equal(Path.GetFullPath(".betting"), settings.DataDirectory);
        Assert.EndsWith(Path.Combine(".betting", "betting.db"), settings.Database.DisplayName);
        Assert.Equal((11111, 30000), (settings.SiloPort, settings.GatewayPort));
        Assert.Null(settings.Dashboard);
    }

    [Fact]
    public void UnknownProfileNamesTheSetting()
    {
        var e = Assert.Throws<ConfigurationError>(() => Read(("Betting:Profile", "Cloud")));
        Assert.Equal("Betting:Profile", e.Setting);
        Assert.Contains("'Cloud'", e.Message);
    }

    [Fact]
    public void ClusterProfileNeedsConnectionStringAndDashboardCredentials()
    {
        var noDb = Assert.Throws<ConfigurationError>(() => Read(("Betting:Profile", "Cluster")));
        Assert.Equal("ConnectionStrings:Betting", noDb.Setting);

        var noAuth = Assert.Throws<ConfigurationError>(() =>
            Read(("Betting:Profile", "cluster"), ("ConnectionStrings:Betting", "Host=db;Username=u;Password=p"))
        );
        Assert.Equal("Betting:Dashboard:Username", noAuth.Setting);

        var ok = Read(
            ("Betting:Profile", "Cluster"),
            ("ConnectionStrings:Betting", "Host=db;Port=5433;Database=bets;Username=u;Password=p"),
            ("Betting:Dashboard:Username", "ops"),
            ("Betting:Dashboard:Password", "pw")
        );
        Assert.Equal(DatabaseEngine.PostgreSql, ok.Database.Engine);
        Assert.Equal("db:5433/bets", ok.Database.DisplayName);
        Assert.DoesNotContain("Password", ok.Database.ToString());
        Assert.DoesNotContain("pw", ok.ToString().Replace("ops", ""));
    }

    [Theory]
    [InlineData("Orleans:SiloPort", "0")]
    [InlineData("Orleans:SiloPort", "70000")]
    [InlineData("Orleans:GatewayPort", "gateway")]
    [InlineData("Orleans:AdvertisedIP", "not-an-ip")]
    public void BadValuesNameTheSetting(string key, string value)
    {
        var e = Assert.Throws<ConfigurationError>(() => Read((key, value)));
        Assert.Equal(key, e.Setting);
    }

    [Fact]
    public void SamePortForSiloAndGatewayIsRefused()
    {
        var e = Assert.Throws<ConfigurationError>(() => Read(("Orleans:SiloPort", "12000"), ("Orleans:GatewayPort", "12000")));
        Assert.Equal("Orleans:GatewayPort", e.Setting);
    }
}

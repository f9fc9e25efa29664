using System.Security.Cryptography;
using System.Text;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>
/// HTTP basic authentication in front of the dashboard and /metrics (required in Cluster/Kubernetes,
/// and wherever the listener is reachable beyond loopback); the probes /healthz and /readyz stay open.
/// </summary>
public static class DashboardAuth
{
    public const string PathPrefix = "/dashboard";

    public static IApplicationBuilder UseDashboardBasicAuth(this IApplicationBuilder app, DashboardCredentials? credentials)
    {
        if (credentials is null)
        {
            return app;
        }

        var expected = Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}");
        return app.UseWhen(
            ctx => ctx.Request.Path.StartsWithSegments(PathPrefix) || ctx.Request.Path.StartsWithSegments("/metrics"),
            branch =>
                branch.Use(
                    async (ctx, next) =>
                    {
                        if (IsAuthorized(ctx.Request.Headers.Authorization.ToString(), expected))
                        {
                            await next(ctx);
                            return;
                        }

                        ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        ctx.Response.Headers.WWWAuthenticate = "Basic realm=\"Orleans.Betting dashboard\", charset=\"UTF-8\"";
                    }
                )
        );
    }

    private static bool IsAuthorized(string header, byte[] expected)
    {
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromBase64String(header[scheme.Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}

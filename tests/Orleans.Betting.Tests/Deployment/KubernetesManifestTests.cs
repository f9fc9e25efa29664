using System.Text.Json;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Deployment;

/// <summary>
/// docker/k8s rendered with `kubectl kustomize` for every overlay and validated offline: against the
/// Kubernetes OpenAPI schemas (kubernetes-models, tests/k8s/validate.mjs), for unknown fields
/// (KubernetesClient's strict YAML reader), and for our policies, which no schema checks.
/// </summary>
public sealed class KubernetesManifestTests(ITestOutputHelper output)
{
    public static TheoryData<string> Overlays => new() { "dev", "prod" };

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task EveryOverlayRendersValidatesAndKeepsThePolicies(string overlay)
    {
        var yaml = await RenderAsync(overlay);
        var objects = await ValidateAsync(yaml);
        k8s.KubernetesYaml.LoadAllFromString(yaml, strict: true); // throws on a field Kubernetes does not know
        output.WriteLine(
            $"{overlay}: {objects.Count} objects: {string.Join(", ", objects.Select(o => $"{o.GetProperty("kind").GetString()}/{Name(o)}"))}"
        );

        JsonElement One(string kind) => Assert.Single(objects, o => o.GetProperty("kind").GetString() == kind);
        var ns = Name(One("Namespace"));
        Assert.All(
            objects.Where(o => o.GetProperty("kind").GetString() != "Namespace"),
            o => Assert.Equal(ns, o.GetProperty("metadata").GetProperty("namespace").GetString())
        );
        Assert.DoesNotContain(objects, o => o.GetProperty("kind").GetString() == "Secret"); // secrets are referenced, never stored

        // RBAC for Orleans.Hosting.Kubernetes: pods get/list/watch/delete, bound to the silo's service account.
        var rule = Assert.Single(One("Role").GetProperty("rules").EnumerateArray());
        Assert.Equal(["pods"], Strings(rule.GetProperty("resources")));
        Assert.Equal(["delete", "get", "list", "watch"], Strings(rule.GetProperty("verbs")).Order());
        var binding = One("RoleBinding");
        Assert.Equal(Name(One("Role")), binding.GetProperty("roleRef").GetProperty("name").GetString());
        var account = Name(One("ServiceAccount"));
        Assert.Equal(account, Assert.Single(binding.GetProperty("subjects").EnumerateArray()).GetProperty("name").GetString());

        var deployment = One("Deployment");
        var pod = deployment.GetProperty("spec").GetProperty("template");
        var podLabels = pod.GetProperty("metadata").GetProperty("labels");
        Assert.Equal("orleans-betting", podLabels.GetProperty("orleans/serviceId").GetString());
        Assert.Equal("betting", podLabels.GetProperty("orleans/clusterId").GetString());
        AssertSelects(deployment.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels"), podLabels, "Deployment selector");
        Assert.Equal(overlay == "prod" ? 3 : 1, deployment.GetProperty("spec").GetProperty("replicas").GetInt32());
        var podSpec = pod.GetProperty("spec");
        Assert.Equal(account, podSpec.GetProperty("serviceAccountName").GetString());
        Assert.True(
            podSpec.GetProperty("terminationGracePeriodSeconds").GetInt32() >= 50,
            "the grace period must cover the silo's 45 s graceful shutdown"
        );
        var spread = Assert.Single(podSpec.GetProperty("topologySpreadConstraints").EnumerateArray());
        Assert.Equal("kubernetes.io/hostname", spread.GetProperty("topologyKey").GetString());
        if (overlay == "prod")
        {
            Assert.Equal("DoNotSchedule", spread.GetProperty("whenUnsatisfiable").GetString());
        }

        var silo = Assert.Single(podSpec.GetProperty("containers").EnumerateArray());
        Assert.Equal(
            ["gateway", "http", "silo"],
            silo.GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).Order()
        );
        var env = silo.GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e);
        Assert.Equal(
            "metadata.name",
            env["POD_NAME"].GetProperty("valueFrom").GetProperty("fieldRef").GetProperty("fieldPath").GetString()
        );
        Assert.Equal(
            "metadata.namespace",
            env["POD_NAMESPACE"].GetProperty("valueFrom").GetProperty("fieldRef").GetProperty("fieldPath").GetString()
        );
        Assert.Equal("status.podIP", env["POD_IP"].GetProperty("valueFrom").GetProperty("fieldRef").GetProperty("fieldPath").GetString());
        foreach (
            var secret in new[]
            {
                "ConnectionStrings__Betting",
                "Betting__Dashboard__Username",
                "Betting__Dashboard__Password",
                "Betting__Apis__Odds__ApiKey",
            }
        )
        {
            Assert.True(env[secret].GetProperty("valueFrom").TryGetProperty("secretKeyRef", out _), $"{secret} must come from a Secret");
            Assert.False(env[secret].TryGetProperty("value", out _), $"{secret} must not have a value in the manifests");
        }

        Assert.Equal("/healthz", silo.GetProperty("startupProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("/healthz", silo.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("/readyz", silo.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        // TLS: the certificate Secret mounted read-only where the configuration points.
        var tlsVolume = Assert.Single(podSpec.GetProperty("volumes").EnumerateArray(), v => v.TryGetProperty("secret", out _));
        Assert.Equal("orleans-betting-tls", tlsVolume.GetProperty("secret").GetProperty("secretName").GetString());
        var tlsMount = Assert.Single(
            silo.GetProperty("volumeMounts").EnumerateArray(),
            m => m.GetProperty("name").GetString() == tlsVolume.GetProperty("name").GetString()
        );
        Assert.True(tlsMount.GetProperty("readOnly").GetBoolean());
        var config = One("ConfigMap").GetProperty("data");
        foreach (var key in new[] { "Orleans__Tls__CertificatePath", "Orleans__Tls__KeyPath", "Orleans__Tls__CaPath" })
        {
            Assert.StartsWith(tlsMount.GetProperty("mountPath").GetString() + "/", config.GetProperty(key).GetString());
        }

        Assert.Equal("Kubernetes", config.GetProperty("Betting__Profile").GetString());
        Assert.Equal(podLabels.GetProperty("orleans/clusterId").GetString(), config.GetProperty("Orleans__ClusterId").GetString());
        Assert.Equal(podLabels.GetProperty("orleans/serviceId").GetString(), config.GetProperty("Orleans__ServiceId").GetString());

        // Every container, the migration Job's too: non-root, read-only root filesystem, no capabilities, resources set, an image.
        var job = One("Job");
        Assert.Equal(
            ["migrate"],
            Strings(
                Assert
                    .Single(job.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers").EnumerateArray())
                    .GetProperty("args")
            )
        );
        foreach (
            var (owner, spec) in new[]
            {
                ("Deployment", podSpec),
                ("Job", job.GetProperty("spec").GetProperty("template").GetProperty("spec")),
            }
        )
        {
            Assert.True(spec.GetProperty("securityContext").GetProperty("runAsNonRoot").GetBoolean(), owner);
            foreach (var container in spec.GetProperty("containers").EnumerateArray())
            {
                var context = container.GetProperty("securityContext");
                Assert.True(context.GetProperty("runAsNonRoot").GetBoolean(), owner);
                Assert.True(context.GetProperty("readOnlyRootFilesystem").GetBoolean(), owner);
                Assert.False(context.GetProperty("allowPrivilegeEscalation").GetBoolean(), owner);
                Assert.Equal(["ALL"], Strings(context.GetProperty("capabilities").GetProperty("drop")));
                Assert.True(container.GetProperty("resources").GetProperty("requests").TryGetProperty("memory", out _), owner);
                Assert.True(container.GetProperty("resources").GetProperty("limits").TryGetProperty("memory", out _), owner);
                Assert.False(string.IsNullOrWhiteSpace(container.GetProperty("image").GetString()), owner);
                foreach (
                    var port in container.TryGetProperty("ports", out var ports) ? ports.EnumerateArray() : Enumerable.Empty<JsonElement>()
                )
                {
                    Assert.InRange(port.GetProperty("name").GetString()!.Length, 1, 15); // the API server's limit
                }
            }
        }

        // A disruption budget and the two Services select the silo pods; the Services' target ports exist on the container.
        var pdb = One("PodDisruptionBudget");
        AssertSelects(pdb.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels"), podLabels, "PodDisruptionBudget");
        Assert.Equal(1, pdb.GetProperty("spec").GetProperty("maxUnavailable").GetInt32());
        var portNames = silo.GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet();
        foreach (var service in objects.Where(o => o.GetProperty("kind").GetString() == "Service"))
        {
            AssertSelects(service.GetProperty("spec").GetProperty("selector"), podLabels, $"Service {Name(service)}");
            Assert.All(
                service.GetProperty("spec").GetProperty("ports").EnumerateArray(),
                p => Assert.Contains(p.GetProperty("targetPort").GetString(), portNames)
            );
        }

        Assert.Equal(
            ["gateway", "http"],
            objects
                .Where(o => o.GetProperty("kind").GetString() == "Service")
                .SelectMany(s =>
                    s.GetProperty("spec").GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("name").GetString()!)
                )
                .Order()
        );

        // The network policy: silo pods only; 11111 only from silos, the gateway and HTTP from named peers; egress to the database and DNS.
        var policy = One("NetworkPolicy").GetProperty("spec");
        AssertSelects(policy.GetProperty("podSelector").GetProperty("matchLabels"), podLabels, "NetworkPolicy");
        Assert.Equal(["Egress", "Ingress"], Strings(policy.GetProperty("policyTypes")).Order());
        var ingress = policy.GetProperty("ingress").EnumerateArray().ToList();
        int[] Ports(JsonElement rule) => rule.GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("port").GetInt32()).ToArray();
        Assert.Equal([8080, 11111, 30000], ingress.SelectMany(Ports).Order());
        var mesh = Assert.Single(ingress, r => Ports(r).Contains(11111));
        AssertSelects(
            Assert.Single(mesh.GetProperty("from").EnumerateArray()).GetProperty("podSelector").GetProperty("matchLabels"),
            podLabels,
            "silo-to-silo ingress"
        );
        Assert.All(ingress, r => Assert.True(r.TryGetProperty("from", out _), "every ingress rule names who may connect"));
        var egress = policy.GetProperty("egress").EnumerateArray().SelectMany(Ports).ToHashSet();
        Assert.Superset(new HashSet<int> { 5432, 53, 443, 11111 }, egress);
    }

    [Fact]
    public async Task TheValidatorsCatchABrokenManifest()
    {
        // A deliberately broken fixture, so an upgrade of the validators cannot silently weaken them.
        const string typo =
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  replicass: 3\n  selector:\n    matchLabels: {a: b}\n  template:\n    metadata:\n      labels: {a: b}\n    spec:\n      containers: [{name: c, image: i}]\n";
        const string wrongType =
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  replicas: three\n  selector:\n    matchLabels: {a: b}\n  template:\n    metadata:\n      labels: {a: b}\n    spec:\n      containers: [{name: c, image: i}]\n";
        const string retired =
            "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: old\nspec:\n  maxUnavailable: 1\n";
        Assert.ThrowsAny<Exception>(() => k8s.KubernetesYaml.LoadAllFromString(typo, strict: true));
        var (code, _, errors) = await NodeValidateAsync(wrongType);
        Assert.Equal(1, code);
        Assert.Contains("/spec/replicas must be integer", errors);
        (code, _, errors) = await NodeValidateAsync(retired);
        Assert.Equal(1, code);
        Assert.Contains("not served by Kubernetes 1.32", errors);
    }

    private static void AssertSelects(JsonElement selector, JsonElement labels, string what)
    {
        foreach (var label in selector.EnumerateObject())
        {
            Assert.True(
                labels.TryGetProperty(label.Name, out var value) && value.GetString() == label.Value.GetString(),
                $"{what} selects {label.Name}={label.Value} which the pods lack"
            );
        }
    }

    private static string Name(JsonElement o) => o.GetProperty("metadata").GetProperty("name").GetString()!;

    private static IReadOnlyList<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    private static async Task<string> RenderAsync(string overlay)
    {
        var (code, stdout, stderr) = await ExternalProcess.RunAsync(
            "kubectl",
            ["kustomize", Path.Combine(RepoPaths.Root, "docker", "k8s", "overlays", overlay)],
            TimeSpan.FromSeconds(60)
        );
        Assert.True(code == 0, $"kubectl kustomize {overlay}: {stderr}");
        return stdout;
    }

    private static async Task<List<JsonElement>> ValidateAsync(string yaml)
    {
        var (code, stdout, stderr) = await NodeValidateAsync(yaml);
        Assert.True(code == 0, $"schema validation failed:\n{stderr}");
        return JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
    }

    private static Task<(int Code, string Stdout, string Stderr)> NodeValidateAsync(string yaml)
    {
        var dir = Path.Combine(RepoPaths.Root, "tests", "k8s");
        Assert.True(
            Directory.Exists(Path.Combine(dir, "node_modules", "kubernetes-models")),
            "tests/k8s/node_modules is missing: tests/run.sh installs it (npm ci --prefix tests/k8s)"
        );
        return ExternalProcess.RunAsync("node", [Path.Combine(dir, "validate.mjs")], TimeSpan.FromSeconds(60), stdin: yaml);
    }
}

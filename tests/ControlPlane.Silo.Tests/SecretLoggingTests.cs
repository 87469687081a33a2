using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace ControlPlane.Silo.Tests;

/// <summary>
/// A real silo configured with secrets (a TSIG key, Route 53 credentials from the environment, an
/// HTTP check's Authorization header) that uses them and fails with them (the DNS server does not
/// answer, Route 53 refuses): none of the secrets appears anywhere in its output or its log file.
/// </summary>
public sealed class SecretLoggingTests
{
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task No_secret_appears_in_the_logs_of_a_silo_that_uses_and_fails_with_them(string format)
    {
        var secrets = new Dictionary<string, string>
        {
            ["tsig"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["aws secret access key"] = "sak" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
            ["aws session token"] = "tok" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)),
            ["check header"] = "hdr" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
        };
        var directory = Directory.CreateTempSubdirectory("cp-secrets-").FullName;
        await using var route53 = await FakeRoute53.StartAsync();
        var targetAddress = LoopbackAddresses.Next();
        var targetEndpoint = new IPEndPoint(targetAddress, LoopbackAddresses.FreePort(targetAddress));
        await using var target = await DemoTarget.StartAsync("target", targetEndpoint, CancellationToken.None);
        var apiAddress = LoopbackAddresses.Next();
        var api = new Uri($"http://{apiAddress}:{LoopbackAddresses.FreePort(apiAddress)}");
        var deadDns = LoopbackAddresses.Next(); // nothing listens there: every update fails
        await File.WriteAllTextAsync(Path.Combine(directory, "silo.yaml"), Settings(api, LoopbackAddresses.FreePort(apiAddress), format));
        await File.WriteAllTextAsync(Path.Combine(directory, "cluster.yaml"), Definition(targetEndpoint, route53.Url, deadDns, secrets));
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDSECRETSTEST",
            ["AWS_SECRET_ACCESS_KEY"] = secrets["aws secret access key"],
            ["AWS_SESSION_TOKEN"] = secrets["aws session token"],
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };

        await using var silo = await SiloProcess.StartAsync(directory, Path.Combine(directory, "silo.yaml"), api, environment: environment);
        try
        {
            // Both providers were used with their secrets, and failed.
            await WaitForAsync(() => route53.SessionTokens.Contains(secrets["aws session token"]), silo, "a request to Route 53 signed with the configured credentials");
            await WaitForAsync(() => silo.Output.Contains("AccessDenied", StringComparison.Ordinal), silo, "the Route 53 change failing in the log");
            await WaitForAsync(() => silo.Output.Contains($"cannot reach {deadDns}", StringComparison.Ordinal), silo, "the RFC 2136 change failing in the log");
            Assert.Equal(0, await silo.StopAsync());

            var logFile = await File.ReadAllTextAsync(Path.Combine(directory, "silo.log"));
            var everything = silo.Output + "\n" + logFile;
            Assert.Contains(deadDns.ToString(), logFile, StringComparison.Ordinal); // settings do reach the log file: the checks below mean something
            foreach (var (what, secret) in secrets)
            {
                Assert.False(everything.Contains(secret, StringComparison.Ordinal), $"the {what} appears in the silo's logs:\n{Around(everything, secret)}");
            }

            if (format == "json")
            {
                foreach (var line in logFile.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    using var clef = JsonDocument.Parse(line); // compact JSON: one event per line, with its time
                    Assert.True(clef.RootElement.TryGetProperty("@t", out _), line);
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, SiloProcess silo, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; silo output:\n{silo.Output}");
            await Task.Delay(100);
        }
    }

    private static string Around(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        return text[Math.Max(0, at - 300)..Math.Min(text.Length, at + secret.Length + 100)];
    }

    private static string Settings(Uri api, int siloPort, string format) => $"""
        silo: {"{"} id: silo-secrets, region: eu-central, datacenter: dc1 {"}"}
        api: {"{"} listen: {api} {"}"}
        store: {"{"} kind: sqlite, sqlite: {"{"} path: store/controlplane.db {"}"} {"}"}
        cluster: {"{"} definitionFile: cluster.yaml, siloAddress: {api.Host}, siloPort: {siloPort.ToString(CultureInfo.InvariantCulture)} {"}"}
        logging: {"{"} level: Verbose, file: silo.log, format: {format} {"}"}
        """;

    private static string Definition(IPEndPoint target, Uri route53, IPAddress deadDns, Dictionary<string, string> secrets) => $"""
        regions: [eu-central]
        datacenters:
          - id: dc1
        checks:
          - id: http
            type: http
            interval: 1s
            timeout: 2s
            http:
              path: /health
              expectStatus: [200]
              headers: {"{"} Authorization: "Bearer {secrets["check header"]}" {"}"}
        dns:
          providers:
            - id: r53
              type: route53
              hostedZoneId: Z0FAKEZONE
              endpointUrl: {route53}
              inSyncTimeout: 0
            - id: bind
              type: rfc2136
              server: {deadDns}:{LoopbackAddresses.FreePort(deadDns).ToString(CultureInfo.InvariantCulture)}
              zone: example.test.
              tsigKeyName: controlplane
              tsigSecret: {secrets["tsig"]}
              timeout: 500ms
        services:
          - id: web-r53
            dns: {"{"} provider: r53, name: r53.example.test., ttl: 30 {"}"}
            policy: failover
            check: http
            health: {"{"} fall: 2, rise: 1 {"}"}
            endpoints:
              - {"{"} id: r53-a, address: {target.Address}, port: {target.Port.ToString(CultureInfo.InvariantCulture)}, datacenter: dc1 {"}"}
          - id: web-bind
            dns: {"{"} provider: bind, name: bind.example.test., ttl: 30 {"}"}
            policy: failover
            check: http
            health: {"{"} fall: 2, rise: 1 {"}"}
            endpoints:
              - {"{"} id: bind-a, address: {target.Address}, port: {target.Port.ToString(CultureInfo.InvariantCulture)}, datacenter: dc1 {"}"}
        """;
}

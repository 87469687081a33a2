using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ControlPlane.Cql.Tests.Infrastructure;

/// <summary>A node on 127.0.0.14 that requires TLS and PasswordAuthenticator (superuser cassandra/cassandra).</summary>
public sealed class SecureNodeFixture : IAsyncLifetime
{
    public const string Address = "127.0.0.14";

    public X509Certificate2 ServerCertificate { get; private set; } = null!;

    public CqlClusterOptions Options(CqlCredentials? credentials, bool tls = true) => new()
    {
        ContactPoints = { Address },
        Credentials = credentials,
        Tls = tls
            ? new SslClientAuthenticationOptions
            {
                // Trust exactly the certificate the script generated for this node.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(ServerCertificate.RawData),
            }
            : null,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    public async Task InitializeAsync()
    {
        await CassandraScript.RunAsync("start", "secure");
        ServerCertificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(
            Path.Combine(CassandraScript.RepositoryRoot, "var", "cassandra", "secure", "conf", "server-cert.pem")));
    }

    public async Task DisposeAsync()
    {
        ServerCertificate?.Dispose();
        await CassandraScript.RunAsync("stop", "secure");
    }
}

[CollectionDefinition(Name)]
public sealed class SecureNodeCollection : ICollectionFixture<SecureNodeFixture>
{
    public const string Name = "Cassandra with TLS and authentication";
}

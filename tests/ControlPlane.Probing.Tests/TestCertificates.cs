using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ControlPlane.Probing.Tests;

internal static class TestCertificates
{
    /// <summary>A self-signed server certificate for <paramref name="dnsName"/>, valid from yesterday until <paramref name="notAfter"/>.</summary>
    public static X509Certificate2 SelfSigned(string dnsName, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));

        // Whole seconds: the certificate stores NotAfter with second precision.
        var notAfterSeconds = DateTimeOffset.FromUnixTimeSeconds(notAfter.ToUnixTimeSeconds());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), notAfterSeconds);

        // Round trip through PKCS#12 so the private key is usable by the TLS server.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), password: null);
    }
}

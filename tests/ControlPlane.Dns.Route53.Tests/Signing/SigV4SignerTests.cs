using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using ControlPlane.Dns.Route53.Signing;

namespace ControlPlane.Dns.Route53.Tests.Signing;

public sealed class SigV4SignerTests
{
    private static readonly SigningCredentials SuiteCredentials = new(SigV4TestVector.AccessKeyId, SigV4TestVector.SecretAccessKey);

    public static TheoryData<SigV4TestVector> Vectors()
    {
        var data = new TheoryData<SigV4TestVector>();
        foreach (var vector in SigV4TestVector.All)
        {
            data.Add(vector);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Signer_produces_the_test_suite_authorization_header(SigV4TestVector vector)
    {
        var signature = Sign(vector);

        Assert.Equal(vector.Authorization, signature.Authorization);
        if (vector.CanonicalRequest is not null)
        {
            Assert.Equal(vector.CanonicalRequest, signature.CanonicalRequest);
        }

        if (vector.StringToSign is not null)
        {
            Assert.Equal(vector.StringToSign, signature.StringToSign);
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void AWSSDK_Core_AWS4Signer_computes_the_same_signature_from_our_canonical_request(SigV4TestVector vector)
    {
        var ours = Sign(vector);

        var theirs = AWS4Signer.ComputeSignature(
            new ImmutableCredentials(SigV4TestVector.AccessKeyId, SigV4TestVector.SecretAccessKey, null),
            SigV4TestVector.Region,
            SigV4TestVector.SignedAt.UtcDateTime,
            SigV4TestVector.Service,
            ours.SignedHeaders,
            ours.CanonicalRequest);

        Assert.Equal(theirs.Signature, ours.Signature);
        Assert.Equal(theirs.ForAuthorizationHeader, ours.Authorization);
    }

    [Fact]
    public void A_different_secret_gives_a_different_signature()
    {
        var vector = SigV4TestVector.All.First();
        var good = Sign(vector);
        var bad = SigV4Signer.Sign(vector.ToRequest(), SuiteCredentials with { SecretAccessKey = "not-the-secret" },
            SigV4TestVector.Region, SigV4TestVector.Service, SigV4TestVector.SignedAt);

        Assert.Equal(good.CanonicalRequest, bad.CanonicalRequest);
        Assert.NotEqual(good.Signature, bad.Signature);
    }

    [Fact]
    public void Route53_scope_is_us_east_1_and_route53()
    {
        var request = new SigV4Request("GET", "/2013-04-01/change/C2682N5HXP0BZ4", [],
            [new("host", "route53.amazonaws.com"), new("x-amz-date", "20150830T123600Z")], ReadOnlyMemory<byte>.Empty);

        var signature = SigV4Signer.Sign(request, SuiteCredentials, "us-east-1", "route53", SigV4TestVector.SignedAt);

        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/route53/aws4_request, SignedHeaders=host;x-amz-date, Signature=",
            signature.Authorization, StringComparison.Ordinal);
        Assert.Equal("GET\n/2013-04-01/change/C2682N5HXP0BZ4\n\nhost:route53.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" +
                     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", signature.CanonicalRequest);
    }

    [Theory]
    [InlineData("api.example.com.", "api.example.com.")]
    [InlineData("a b", "a%20b")]
    [InlineData("*.example.com", "%2A.example.com")]
    [InlineData("/hostedzone/Z1", "%2Fhostedzone%2FZ1")]
    [InlineData("\u00e9", "%C3%A9")]
    public void UriEncode_keeps_only_unreserved_characters(string raw, string encoded) =>
        Assert.Equal(encoded, SigV4Signer.UriEncode(raw));

    private static SigV4Signature Sign(SigV4TestVector vector) =>
        SigV4Signer.Sign(vector.ToRequest(), vector.Name.StartsWith("post-sts", StringComparison.Ordinal)
                ? SuiteCredentials with { SessionToken = SigV4TestVector.SessionToken }
                : SuiteCredentials,
            SigV4TestVector.Region, SigV4TestVector.Service, SigV4TestVector.SignedAt);
}

using ControlPlane.Core.Webhooks;
using Xunit;

namespace ControlPlane.Core.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Signature_is_hex_hmac_sha256_of_timestamp_dot_body()
    {
        // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac s3cret
        var signature = WebhookSignature.Sign("s3cret", 1700000000, "{\"a\":1}");
        Assert.Equal("v1=1698a50bc74d1ff1db85c4e0a5297c2ad9fdba245d5737cdb789e4cc6e098940", signature);
        Assert.True(WebhookSignature.Verify("s3cret", 1700000000, "{\"a\":1}", signature));
    }

    [Fact]
    public void Another_body_timestamp_or_secret_does_not_verify()
    {
        var signature = WebhookSignature.Sign("s3cret", 1700000000, "{\"a\":1}");
        Assert.False(WebhookSignature.Verify("s3cret", 1700000000, "{\"a\":2}", signature));
        Assert.False(WebhookSignature.Verify("s3cret", 1700000001, "{\"a\":1}", signature));
        Assert.False(WebhookSignature.Verify("other", 1700000000, "{\"a\":1}", signature));
    }
}

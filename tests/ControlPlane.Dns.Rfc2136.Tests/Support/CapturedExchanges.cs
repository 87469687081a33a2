namespace ControlPlane.Dns.Rfc2136.Tests.Support;

/// <summary>
/// Messages captured on the wire between BIND 9.18's own tools and named (Debian 12), through a UDP
/// relay: an independent implementation to check our wire format and TSIG against.
/// Zone <c>example.test.</c>, key <c>cp-key.</c>, hmac-sha256, secret <see cref="Secret"/>.
/// </summary>
internal static class CapturedExchanges
{
    public const string KeyName = "cp-key.";
    public const string Secret = "c2VjcmV0LWtleS1mb3ItdGVzdHMtMTIzNDU2Nzg5MDEyMzQ1Ng==";

    /// <summary>
    /// nsupdate: <c>prereq yxrrset app.example.test. A 192.0.2.1; update delete app.example.test. A;
    /// update add app.example.test. 30 A 192.0.2.2</c>, signed at 1795226150, id 0x8d58.
    /// </summary>
    public const string UpdateRequest =
        "8d5828000001000100020001076578616d706c650474657374000006000103617070c00c00010001000000000004c0000201c01e000100ff000000000000c01e000100010000001e0004c00002020663702d6b65790000fa00ff00000000003d0b686d61632d7368613235360000006b00fa26012c0020e68bb6ca141d00e56a1157d1db0884a3341075c37e9cc5939f7e19b1c0b1c8428d5800000000";

    /// <summary>named's signed NOERROR answer to <see cref="UpdateRequest"/>.</summary>
    public const string UpdateResponse =
        "8d58a8000001000000000001076578616d706c65047465737400000600010663702d6b65790000fa00ff00000000003d0b686d61632d7368613235360000006b00fa26012c0020e095695ccb05d7e9d8e82e2f210f0393e3736bf59c11e97d37491397d7d9a0b18d5800000000";

    /// <summary>dig: <c>app.example.test. A</c> with EDNS and a cookie, signed at 1795226151, id 0xe498.</summary>
    public const string QueryRequest =
        "e4980120000100000000000203617070076578616d706c650474657374000001000100002904d000000000000c000a000860debcaf7780a77a0663702d6b65790000fa00ff00000000003d0b686d61632d7368613235360000006b00fa27012c002099d7f26d49f2ef6ff26e795b9d20fe8f225e195f9ea17cb564772a52c12c9c40e49800000000";

    /// <summary>named's signed answer (app.example.test. 30 A 192.0.2.2, owner compressed to a pointer) to <see cref="QueryRequest"/>.</summary>
    public const string QueryResponse =
        "e4988500000100010000000203617070076578616d706c6504746573740000010001c00c000100010000001e0004c000020200002904d000000000001c000a001860debcaf7780a77a010000006b00fa270cc012983c0906560663702d6b65790000fa00ff00000000003d0b686d61632d7368613235360000006b00fa27012c002060464618e370edefb7708ead92c6ca37e759667cc8d939e10be74acc7b22fd4ae49800000000";

    /// <summary>named's unsigned NOTAUTH/BADSIG answer to an update signed with a wrong secret for <c>cp-key.</c>.</summary>
    public const string BadSigResponse =
        "8954a8090001000000000001076578616d706c65047465737400000600010663702d6b65790000fa00ff00000000001d0b686d61632d7368613235360000006b00fa2a012c0000895400100000";

    /// <summary>named's unsigned NOTAUTH/BADKEY answer to an update signed with the unknown key <c>other-key.</c>.</summary>
    public const string BadKeyResponse =
        "0808a8090001000000000001076578616d706c6504746573740000060001096f746865722d6b65790000fa00ff00000000001d0b686d61632d7368613235360000006b00fa2b012c0000080800110000";

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);
}

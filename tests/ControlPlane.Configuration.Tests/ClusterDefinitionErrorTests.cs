using ControlPlane.Configuration.Cluster;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Tests;

public class ClusterDefinitionErrorTests
{
    private static ConfigResult<ClusterDefinition> Parse(string yaml) =>
        ClusterDefinitionParser.Parse(yaml, "cluster.yaml", TestZoneFileProviderFactory.Registered);

    /// <summary>
    /// One problem per marked line (the <c># E..</c> comments only make the lines unique). Every
    /// one must be reported, at its exact path and line, and nothing else.
    /// </summary>
    private const string ManyProblems = """
        regions: [eu-central, EU_West, eu-central]          # E01 bad id, E02 duplicate
        datacenters:
          - id: dc1
            descripton: Frankfurt                           # E03 unknown field
          - id: dc1                                         # E04 duplicate datacenter
        checks:
          - id: web
            type: http
            interval: 5                                     # E05 no unit
            jitter: 0.9                                     # E06 range
            timeout: 2s
            connectTimeout: 3s                              # E07 longer than timeout
            port: 70000                                     # E08 range
            http:
              path: health                                  # E09 no leading slash
              expectStatus: [200, "700-800"]                # E10 status range
              bodyRegex: "(unclosed"                        # E11 bad regex
          - id: db
            type: tcp
            http: { path: / }                               # E12 http under tcp
          - id: ping
            type: icmp                                      # E13 unknown type
            timeout: fast                                   # E14 not a duration
        dns:
          providers:
            - id: local-zone                                # E15 provider: path required
              type: zonefile
              zone: example.test                            # E16 provider: no trailing dot
              paht: var/zones/example.test.zone             # E17 provider: unknown setting
            - id: r53
              type: route53                                 # E18 type not registered
        services:
          - id: web
            dns: { provider: local-zone, name: web.example.test., ttl: 99999999999999999999 }  # E19 huge
            policy: failover
            check: webb                                     # E20 dangling check
            health:
              fall: two                                     # E21 not a number
              quorum: { mode: n-of-m, count: 5 }            # E22 more than the regions
            endpoints:
              - id: web-dc1                                 # first web-dc1
                address: abc                                # E23 not an address
                datacenter: dc9                             # E24 dangling datacenter
              - id: web-dc1                                 # E25 duplicate endpoint
                address: 169.254.169.254                    # E26 link-local
                datacenter: dc1
                weight: 300                                 # E27 range
          - id: web2
            dns: { provider: nowhere, name: web.example.test }  # E28 dangling provider, E29 not fully qualified
            policy: roundrobin                              # E30 bad policy
            check: web
            endpoints: []                                   # E31 empty
          - id: db
            dns: { provider: local-zone, name: WEB.example.test. }  # E32 same name as service web
            policy: failover
            check: db
            endpoints:
              - id: db-dc1                                  # E33 tcp check and no port
                address: 10.0.0.5
                datacenter: dc1
            extra: [1]                                      # E34 unknown field
        """;

    [Fact]
    public void A_file_with_many_problems_reports_every_one_at_its_exact_path_and_line()
    {
        (string Path, string Marker, string Message)[] expected =
        [
            ("regions[1]", "E01", "'EU_West' is not a valid id: use 1-63 lowercase letters"),
            ("regions[2]", "E02", "duplicate region id 'eu-central': already defined at regions[0] (line 1)"),
            ("datacenters[0].descripton", "E03", "unknown field 'descripton' (allowed here: id, description); did you mean 'description'?"),
            ("datacenters[1].id", "E04", "duplicate datacenter id 'dc1': already defined at datacenters[0].id (line 3)"),
            ("checks[0].interval", "E05", "'5' needs a unit"),
            ("checks[0].jitter", "E06", "'0.9' is out of range: must be between 0 and 0.5"),
            ("checks[0].connectTimeout", "E07", "3s is longer than the check's timeout (2s)"),
            ("checks[0].port", "E08", "'70000' is out of range: must be between 1 and 65535"),
            ("checks[0].http.path", "E09", "'health' must start with '/'"),
            ("checks[0].http.expectStatus[1]", "E10", "'700-800' is outside the HTTP status codes 100..599"),
            ("checks[0].http.bodyRegex", "E11", "'(unclosed' is not a valid regular expression: "),
            ("checks[1].http", "E12", "is only allowed for http and https checks"),
            ("checks[2].type", "E13", "'icmp' is not one of: http, https, tcp"),
            ("checks[2].timeout", "E14", "'fast' is not a duration"),
            ("dns.providers[0].path", "E15", "is required"),
            ("dns.providers[0].zone", "E16", "'example.test' must end with a dot"),
            ("dns.providers[0].paht", "E17", "unknown setting 'paht'"),
            ("dns.providers[1].type", "E18", "'route53' is not a known DNS provider type (registered: zonefile)"),
            ("services[0].dns.ttl", "E19", "'99999999999999999999' is out of range: must be between 0 and 2147483647"),
            ("services[0].check", "E20", "check 'webb' is not defined (defined: web, db, ping)"),
            ("services[0].health.fall", "E21", "'two' is not a whole number"),
            ("services[0].health.quorum.count", "E22", "'5' is out of range: must be between 1 and 3"),
            ("services[0].endpoints[0].address", "E23", "'abc' is not an IP address"),
            ("services[0].endpoints[0].datacenter", "E24", "datacenter 'dc9' is not defined (defined: dc1)"),
            ("services[0].endpoints[1].id", "E25", "duplicate endpoint id 'web-dc1': already defined at services[0].endpoints[0].id (line 41)"),
            ("services[0].endpoints[1].address", "E26", "'169.254.169.254' is a link-local or cloud metadata address"),
            ("services[0].endpoints[1].weight", "E27", "'300' is out of range: must be between 0 and 255"),
            ("services[1].dns.provider", "E28", "DNS provider 'nowhere' is not defined (defined: local-zone, r53)"),
            ("services[1].dns.name", "E29", "must be fully qualified: end it with a dot (web.example.test.)"),
            ("services[1].policy", "E30", "'roundrobin' is not one of: failover, multivalue, weighted"),
            ("services[1].endpoints", "E31", "must not be empty"),
            ("services[2].dns.name", "E32", "'WEB.example.test.' is already published on provider 'local-zone' by service 'web' (services[0].dns.name, line 34)"),
            ("services[2].endpoints[0].port", "E33", "is required: check 'db' is a tcp check without a port"),
            ("services[2].extra", "E34", "unknown field 'extra' (allowed here: id, dns, policy, check, health, maxUnavailable, endpoints)"),
        ];

        var result = Parse(ManyProblems);

        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        var report = result.ToString();
        foreach (var (path, marker, message) in expected)
        {
            var line = Examples.LineOf(ManyProblems, marker);
            Assert.True(
                result.Errors.Any(e => e.Path == path && e.Line == line && e.Message.Contains(message, StringComparison.Ordinal)),
                $"expected {path} at line {line}: {message}\nbut got:\n{report}");
        }

        Assert.True(expected.Length == result.Errors.Count, $"expected {expected.Length} errors, got {result.Errors.Count}:\n{report}");
        Assert.Equal(result.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column), result.Errors);
    }

    [Fact]
    public void An_error_points_at_the_key_of_the_field_and_formats_like_a_compiler_message()
    {
        var result = Parse(ManyProblems);

        var error = result.Errors.Single(e => e.Path == "services[0].endpoints[0].address");
        Assert.Equal(Examples.ColumnOf(ManyProblems, "address: abc"), error.Column);
        Assert.Equal(
            $"cluster.yaml:{error.Line}:{error.Column}: services[0].endpoints[0].address: 'abc' is not an IP address (write an IPv4 or IPv6 literal, not a host name)",
            error.ToString());
    }

    [Fact]
    public void Wrong_shapes_and_missing_required_fields_are_reported_with_their_paths()
    {
        const string yaml = """
            regions: eu-central                  # S1 scalar instead of list
            datacenters: { id: dc1 }             # S2 map instead of list
            checks:
              - web                              # S3 scalar instead of map
              - id: tcp                          # S4 type missing (reported at the map)
                port: 22
            dns: [local-zone]                    # S5 list instead of map
            services:
              - id: web                          # S6 dns, policy, check, endpoints missing
                health: [fall]                   # S7 list instead of map
            unknownSection: 1                    # S8 unknown at the root
            """;

        var result = Parse(yaml);

        (string Path, string Marker, string Message)[] expected =
        [
            ("regions", "S1", "must be a list, found 'eu-central'"),
            ("datacenters", "S2", "must be a list, found a map"),
            ("checks[0]", "S3", "must be a map of fields, found 'web'"),
            ("checks[1].type", "S4", "is required"),
            ("dns", "S5", "must be a map of fields, found a list"),
            ("services[0].dns", "S6", "is required"),
            ("services[0].policy", "S6", "is required"),
            ("services[0].check", "S6", "is required"),
            ("services[0].endpoints", "S6", "is required"),
            ("services[0].health", "S7", "must be a map of fields, found a list"),
            ("unknownSection", "S8", "unknown field 'unknownSection' (allowed here: regions, datacenters, checks, dns, services, webhooks)"),
        ];
        foreach (var (path, marker, message) in expected)
        {
            var line = Examples.LineOf(yaml, marker);
            Assert.True(
                result.Errors.Any(e => e.Path == path && e.Line == line && e.Message.Contains(message, StringComparison.Ordinal)),
                $"expected {path} at line {line}: {message}\nbut got:\n{result}");
        }

        Assert.True(expected.Length == result.Errors.Count, result.ToString());
    }

    [Theory]
    [InlineData("address: 224.0.0.1", "'224.0.0.1' is a multicast address")]
    [InlineData("address: 0.0.0.0", "'0.0.0.0' is the unspecified address")]
    [InlineData("address: '::'", "'::' is the unspecified address")]
    [InlineData("address: 'fe80::1'", "'fe80::1' is a link-local or cloud metadata address")]
    [InlineData("address: '::ffff:169.254.169.254'", "is a link-local or cloud metadata address")]
    [InlineData("address: 'fd00:ec2::254'", "is a link-local or cloud metadata address")]
    [InlineData("address: 127.1", "'127.1' is not an IP address")]
    [InlineData("address: 010.0.0.1", "'010.0.0.1' is not an IP address")]
    [InlineData("address: web.example.test", "'web.example.test' is not an IP address")]
    [InlineData("address: '[::1]'", "'[::1]' is not an IP address")]
    [InlineData("address: [127.0.0.1]", "must be an IP address, found a list")]
    public void Endpoint_addresses_must_be_unicast_ip_literals_and_not_link_local(string addressLine, string message)
    {
        var result = Parse(WithEndpoint(addressLine));

        var error = Assert.Single(result.Errors);
        Assert.Equal("services[0].endpoints[0].address", error.Path);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("address: 169.254.169.254")]
    [InlineData("address: 'fe80::1'")]
    public void A_link_local_address_is_accepted_when_the_endpoint_allows_it(string addressLine)
    {
        var result = Parse(WithEndpoint(addressLine + "\n        allowLinkLocal: true"));

        Assert.True(result.IsValid, result.ToString());
    }

    [Theory]
    [InlineData("interval: 50ms", "checks[0].interval", "'50ms' is out of range: must be between 100ms and 24h")]
    [InlineData("interval: 25h", "checks[0].interval", "'25h' is too long: at most 24h")]
    [InlineData("interval: -1s", "checks[0].interval", "'-1s' is negative")]
    [InlineData("interval: 1.5", "checks[0].interval", "'1.5' needs a unit, for example 1.5s or 1.5ms")]
    [InlineData("interval: 1w", "checks[0].interval", "'1w' is not a duration")]
    [InlineData("interval: 2d", "checks[0].interval", "'2d' is too long: at most 24h")]
    [InlineData("timeout: 0s", "checks[0].timeout", "'0s' is out of range: must be between 1ms and 24h")]
    [InlineData("jitter: .nan", "checks[0].jitter", "'.nan' is not a number")]
    [InlineData("jitter: NaN", "checks[0].jitter", "'NaN' is not a number")]
    [InlineData("port: 1e3", "checks[0].port", "'1e3' is not a whole number")]
    [InlineData("port: 99999999999999999999999999999999", "checks[0].port", "is out of range: must be between 1 and 65535")]
    [InlineData("connectTimeout: 2s\n    timeout: 1s", "checks[0].connectTimeout", "2s is longer than the check's timeout (1s)")]
    [InlineData("http: { method: TRACE }", "checks[0].http.method", "'TRACE' is not one of: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")]
    [InlineData("http: { path: '/a b' }", "checks[0].http.path", "must not contain spaces")]
    [InlineData("http: { headers: { 'Bad Header': x } }", "checks[0].http.headers.Bad Header", "is not a valid header name")]
    [InlineData("http: { headers: { X-A: 1, x-a: 2 } }", "checks[0].http.headers.x-a", "header 'x-a' is given twice")]
    [InlineData("http: { headers: [X-A] }", "checks[0].http.headers", "must be a map of fields, found a list")]
    [InlineData("http: { expectStatus: [] }", "checks[0].http.expectStatus", "must not be empty")]
    [InlineData("http: { expectStatus: 200 }", "checks[0].http.expectStatus", "must be a list, found '200'")]
    [InlineData("http: { expectStatus: ['299-200'] }", "checks[0].http.expectStatus[0]", "is an empty range")]
    [InlineData("http: { expectStatus: [ok] }", "checks[0].http.expectStatus[0]", "'ok' is not a status code or range")]
    [InlineData("http: { method: HEAD, bodyContains: ok }", "checks[0].http.bodyContains", "a HEAD response has no body")]
    [InlineData("http: { maxLatency: 6s }", "checks[0].http.maxLatency", "6s is longer than the check's timeout (5s)")]
    [InlineData("http: { certificateMinDaysValid: 7 }", "checks[0].http.certificateMinDaysValid", "applies only to https checks")]
    [InlineData("http: { freshConnection: yes }", "checks[0].http.freshConnection", "'yes' is not true or false")]
    [InlineData("http: { freshconnection: true }", "checks[0].http.freshconnection", "did you mean 'freshConnection'?")]
    public void Check_fields_are_validated(string line, string path, string message)
    {
        var result = Parse(WithCheck("type: http\n    " + line));

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("type: http\n    assert: ['[STATUS] = 200']", "checks[0].assert[0]", "'[STATUS] = 200': column 10: '=' is not an operator; did you mean '=='?")]
    [InlineData("type: http\n    assert: ['[CERTIFICATE_EXPIRATION] > 72h']", "checks[0].assert[0]", "column 1: [CERTIFICATE_EXPIRATION] is not observed by http checks")]
    [InlineData("type: https\n    assert: ['[RESPONSE_TIME] < 300']", "checks[0].assert[0]", "column 19: [RESPONSE_TIME] is a duration but 300 is a number; give a unit: 300ms or 300s")]
    [InlineData("type: tcp\n    port: 1\n    assert: ['[STATUS] == 200']", "checks[0].assert[0]", "[STATUS] is not observed by tcp checks")]
    [InlineData("type: http\n    assert: []", "checks[0].assert", "must not be empty")]
    [InlineData("type: http\n    fastInterval: 20s", "checks[0].fastInterval", "20s is longer than the interval (10s)")]
    [InlineData("type: http\n    http: { headers: { Authorization: 'Bearer ${env:}' } }", "checks[0].http.headers.Authorization", "column 8: '${env:}' is not a reference")]
    [InlineData("type: http\n    http: { headers: { Authorization: 'Bearer ${token}' } }", "checks[0].http.headers.Authorization", "variable 'token' needs a transaction")]
    [InlineData("type: http\n    http: { body: '${file:relative}' }", "checks[0].http.body", "${file:/absolute/path}")]
    [InlineData("type: http\n    http: { steps: [ { name: a, path: '/o/${id}' } ] }", "checks[0].http.steps[0].path", "variable 'id' is not extracted by an earlier step (no earlier step extracts any)")]
    [InlineData("type: http\n    http: { steps: [ { name: a, extract: [ { name: id, jsonPath: '$.x' } ] }, { name: b, path: '/o/${idd}' } ] }", "checks[0].http.steps[1].path", "variable 'idd' is not extracted by an earlier step (earlier steps extract: id)")]
    [InlineData("type: http\n    http: { steps: [ { name: a }, { name: a } ] }", "checks[0].http.steps[1].name", "step 'a' is already defined at checks[0].http.steps[0].name")]
    [InlineData("type: http\n    http: { steps: [ { path: / } ] }", "checks[0].http.steps[0].name", "is required")]
    [InlineData("type: http\n    http: { steps: [ { name: a, assert: ['[BODY].items[ == 1'] } ] }", "checks[0].http.steps[0].assert[0]", "column 14: expected an array index or a quoted name after '['")]
    [InlineData("type: http\n    http: { steps: [ { name: a, extract: [ { name: id } ] } ] }", "checks[0].http.steps[0].extract[0]", "give exactly one of jsonPointer, jsonPath, header, regex (found none)")]
    [InlineData("type: http\n    http: { steps: [ { name: a, extract: [ { name: id, regex: 'id=\\d+' } ] } ] }", "checks[0].http.steps[0].extract[0].regex", "it needs a group")]
    [InlineData("type: http\n    http: { steps: [ { name: a, extract: [ { name: id, jsonPointer: 'x' } ] } ] }", "checks[0].http.steps[0].extract[0].jsonPointer", "is not a valid JSON Pointer")]
    [InlineData("type: http\n    http: { steps: [ { name: a, extract: [ { name: 1d, header: X } ] } ] }", "checks[0].http.steps[0].extract[0].name", "'1d' is not a variable name")]
    [InlineData("type: http\n    timeout: 1s\n    http: { steps: [ { name: a, timeout: 2s } ] }", "checks[0].http.steps[0].timeout", "2s is longer than the check's timeout (1s)")]
    [InlineData("type: http\n    http: { path: /x, steps: [ { name: a } ] }", "checks[0].http.path", "move this into a step")]
    [InlineData("type: http\n    assert: ['[STATUS] == 200']\n    http: { steps: [ { name: a } ] }", "checks[0].assert", "a transaction's conditions belong to its steps")]
    [InlineData("type: tls\n    tls: { minVersion: '1.1' }", "checks[0].tls.minVersion", "'1.1' is not one of: 1.2, 1.3")]
    [InlineData("type: tls\n    tls: { caBundle: ca.pem }", "checks[0].tls.caBundle", "must be an absolute path")]
    [InlineData("type: tls\n    tls: { warnBefore: 7d, failBefore: 14d }", "checks[0].tls.failBefore", "336h is longer than warnBefore (168h)")]
    [InlineData("type: tls\n    assert: ['[TLS_VERSION] == 1.3']", "checks[0].assert[0]", "[TLS_VERSION] is text but 1.3 is a number; quote it: \"1.3\"")]
    [InlineData("type: tls\n    http: { path: / }", "checks[0].http", "is only allowed for http and https checks; this check's type is tls")]
    [InlineData("type: dns", "checks[0].dns", "is required")]
    [InlineData("type: dns\n    dns: { name: web.example.test, type: MX }", "checks[0].dns.type", "'MX' is not one of: A, AAAA, CNAME, TXT, SRV, SOA")]
    [InlineData("type: dns\n    dns: { name: 'we b.example.test' }", "checks[0].dns.name", "may contain only letters")]
    [InlineData("type: dns\n    dns: { name: web.example.test, server: 'ns1.example.test' }", "checks[0].dns.server", "is not an IP address with an optional port")]
    [InlineData("type: dns\n    dns: { name: web.example.test, server: '169.254.169.254:53' }", "checks[0].dns.server", "is a link-local or cloud metadata address")]
    [InlineData("type: dns\n    dns: { name: web.example.test, server: '127.0.0.1:0' }", "checks[0].dns.server", "has a bad port")]
    [InlineData("type: dns\n    dns: { name: web.example.test }\n    assert: ['[DNS_TTL] > 30']", "checks[0].assert[0]", "give a unit")]
    [InlineData("type: grpc\n    grpc: { validateCertificate: false }", "checks[0].grpc.validateCertificate", "applies only with tls: true")]
    [InlineData("type: grpc\n    assert: ['[GRPC_STATUS] == SERVING', '[STATUS] == 200']", "checks[0].assert[1]", "[STATUS] is not observed by grpc checks")]
    [InlineData("type: composite", "checks[0].composite", "is required for a composite check")]
    [InlineData("type: composite\n    composite: { checks: [nope] }", "checks[0].composite.checks[0]", "check 'nope' is not defined (defined: web)")]
    [InlineData("type: composite\n    composite: { checks: [web] }", "checks[0].composite.checks[0]", "a composite check cannot contain itself")]
    [InlineData("type: composite\n    composite: { checks: [nope], require: most }", "checks[0].composite.require", "'most' is not all, any or a number of checks")]
    [InlineData("type: composite\n    assert: ['[STATUS] == 200']\n    composite: { checks: [] }", "checks[0].assert", "a composite check passes by its children")]
    [InlineData("type: composite\n    composite: { checks: [db] }\n  - id: db\n    type: tcp", "services[0].endpoints[0].port", "is required: check 'web' is a tcp check without a port")]
    public void Check_kinds_and_conditions_are_validated(string fields, string path, string message)
    {
        var result = Parse(WithCheck(fields));

        var error = result.Errors.First(e => e.Path == path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: web.example.test.", "")]
    [InlineData("name: web.example.test", "must be fully qualified")]
    [InlineData("name: we_b.example.test.", "label 'we_b' may contain only letters, digits and '-'")]
    [InlineData("name: -web.example.test.", "must not start or end with '-'")]
    [InlineData("name: web..example.test.", "has an empty label")]
    [InlineData("name: '.'", "has no labels")]
    public void Service_dns_names_must_be_fully_qualified_with_valid_labels(string nameLine, string message)
    {
        var result = Parse(WithEndpoint("address: 192.0.2.1").Replace("name: web.example.test.", nameLine, StringComparison.Ordinal));

        if (message.Length == 0)
        {
            Assert.True(result.IsValid, result.ToString());
            return;
        }

        var error = Assert.Single(result.Errors);
        Assert.Equal("services[0].dns.name", error.Path);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("quorum: { mode: majority, count: 2 }", "services[0].health.quorum.count", "applies only when mode is n-of-m")]
    [InlineData("quorum: { mode: n-of-m, healthyPercentage: 50 }", "services[0].health.quorum.healthyPercentage", "applies only when mode is healthy-percentage")]
    [InlineData("quorum: { mode: healthy-percentage, healthyPercentage: 0 }", "services[0].health.quorum.healthyPercentage", "must be between 1 and 100")]
    [InlineData("quorum: { mode: quorum }", "services[0].health.quorum.mode", "'quorum' is not one of: majority, n-of-m, healthy-percentage")]
    [InlineData("fall: 0", "services[0].health.fall", "must be between 1 and 100")]
    [InlineData("rise: 101", "services[0].health.rise", "must be between 1 and 100")]
    [InlineData("staleAfterIntervals: 0", "services[0].health.staleAfterIntervals", "must be between 1 and 100")]
    [InlineData("flapDamping: { enabled: 1 }", "services[0].health.flapDamping.enabled", "'1' is not true or false")]
    [InlineData("flapDamping: { window: 5 }", "services[0].health.flapDamping.window", "needs a unit")]
    [InlineData("flapDamping: { maxTransitions: 0 }", "services[0].health.flapDamping.maxTransitions", "must be between 1 and 100")]
    public void Health_policy_fields_are_validated(string line, string path, string message)
    {
        var result = Parse(WithEndpoint("address: 192.0.2.1").Replace("check: web\n", $"check: web\n    health:\n      {line}\n", StringComparison.Ordinal));

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_quorum_default_larger_than_the_configured_regions_is_reported()
    {
        var yaml = WithEndpoint("address: 192.0.2.1")
            .Replace("regions: [eu-central, us-east, ap-south]", "regions: [eu-central]", StringComparison.Ordinal)
            .Replace("check: web\n", "check: web\n    health:\n      quorum: { mode: n-of-m }\n", StringComparison.Ordinal);

        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Equal("services[0].health.quorum.count", error.Path);
        Assert.Contains("defaults to 2, more than the 1 configured region(s)", error.Message);
    }

    [Fact]
    public void A_tcp_check_needs_no_port_of_its_own_when_every_endpoint_sets_one()
    {
        var yaml = WithCheck("type: tcp").Replace("datacenter: dc1", "datacenter: dc1\n        port: 5432", StringComparison.Ordinal);

        var result = Parse(yaml);

        Assert.True(result.IsValid, result.ToString());
        Assert.Null(result.Value!.Checks[0].Http);
    }

    [Fact]
    public void Provider_settings_must_be_plain_values()
    {
        var yaml = WithEndpoint("address: 192.0.2.1").Replace("path: z.zone", "path: [z.zone]", StringComparison.Ordinal);

        var result = Parse(yaml);

        Assert.Contains(result.Errors, e => e.Path == "dns.providers[0].path" && e.Message.Contains("must be a single value", StringComparison.Ordinal));
    }

    [Fact]
    public void A_provider_factory_that_throws_becomes_an_error()
    {
        var result = ClusterDefinitionParser.Parse(WithEndpoint("address: 192.0.2.1"), "cluster.yaml", [new ThrowingFactory()]);

        var error = Assert.Single(result.Errors);
        Assert.Equal("dns.providers[0]", error.Path);
        Assert.Contains("failed while validating its settings: boom", error.Message);
    }

    [Fact]
    public void Without_registered_factories_every_provider_type_is_unknown()
    {
        var result = ClusterDefinitionParser.Parse(WithEndpoint("address: 192.0.2.1"), "cluster.yaml", []);

        Assert.Contains("(none are registered)", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void An_endpoint_check_override_must_name_a_defined_check()
    {
        var yaml = WithEndpoint("address: 192.0.2.1\n        check: nope");

        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Equal("services[0].endpoints[0].check", error.Path);
        Assert.Equal("check 'nope' is not defined (defined: web)", error.Message);
    }

    [Theory]
    [InlineData("hostName: web.example.test.", "must not end with a dot")]
    [InlineData("hostName: 'web example'", "may contain only letters, digits and '-'")]
    [InlineData("priority: 0", "must be between 1 and 2147483647")]
    [InlineData("id: Web", "'Web' is not a valid id")]
    [InlineData("id: ''", "must not be empty")]
    public void Endpoint_fields_are_validated(string line, string message)
    {
        var yaml = WithEndpoint("address: 192.0.2.1").Replace("- id: web-dc1", "- id: web-dc1\n        " + line, StringComparison.Ordinal);
        if (line.StartsWith("id:", StringComparison.Ordinal))
        {
            yaml = WithEndpoint("address: 192.0.2.1").Replace("id: web-dc1", line, StringComparison.Ordinal);
        }

        var error = Assert.Single(Parse(yaml).Errors);

        Assert.StartsWith("services[0].endpoints[0].", error.Path);
        Assert.Contains(message, error.Message);
    }

    private static string WithCheck(string checkFields) => $"""
        regions: [eu-central, us-east, ap-south]
        datacenters: [{"{"} id: dc1 {"}"}]
        checks:
          - id: web
            {checkFields}
        dns:
          providers: [{"{"} id: zone, type: zonefile, zone: example.test., path: z.zone {"}"}]
        services:
          - id: web
            dns: {"{"} provider: zone, name: web.example.test. {"}"}
            policy: failover
            check: web
            endpoints:
              - id: web-dc1
                address: 192.0.2.1
                datacenter: dc1
        """;

    private static string WithEndpoint(string addressLine) =>
        WithCheck("type: http").Replace("address: 192.0.2.1", addressLine, StringComparison.Ordinal);

    private sealed class ThrowingFactory : Dns.IDnsProviderFactory
    {
        public string Type => "zonefile";

        public IEnumerable<(string Key, string Message)> Validate(IReadOnlyDictionary<string, string> settings) =>
            throw new InvalidOperationException("boom");

        public Dns.IDnsProvider Create(DnsProviderDefinition definition) => throw new NotSupportedException();
    }
}

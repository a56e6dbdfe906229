using System.Net;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Security;

/// <summary>
/// Issue 12 item 1 and 2 (SEC access for the authorised only): every administration endpoint, for a signed-out caller,
/// each demo account, a district administrator (310104) and the national one, against targets inside and outside the
/// district. An administrator acts only on accounts whose every role lies inside its subtree and only on registered
/// stations of its jurisdiction; what lies outside answers exactly as what does not exist.
/// </summary>
public sealed class AdministrationAccessTests(AdministrationAccessTests.World world) : IClassFixture<AdministrationAccessTests.World>
{
    /// <summary>Demo accounts (none of them an administrator), the district administrator, the national one.</summary>
    public static TheoryData<string> Callers =>
    [
        "anonymous", "demo-duty", "demo-director", "demo-deputy", "demo-leader", "demo-wuda", "demo-auditor", "demo-regulator",
        "demo-minhang", "demo-inspector", "demo-principal", "demo-officer", "demo-reviewer", "demo-centre", "district-admin", "admin",
    ];

    /// <summary>
    /// Every administration endpoint: method, URL, body. {user} is the target account, {key} a live API key of it,
    /// {station} the target station (commissioned, with a key), {fresh} a station of the same district not yet commissioned, {certificate} a live reviewer qualification of the target, {division} the
    /// division a change is made in, {unique} a fresh token.
    /// </summary>
    private static readonly (string Method, string Url, string Body)[] Endpoints =
    [
        ("GET", "/api/users", ""),
        ("POST", "/api/users", """{ "userName": "new-{unique}", "displayName": "新账户" }"""),
        ("POST", "/api/users/{user}/roles", """{ "role": "auditor", "divisionCode": "310104" }"""),
        ("POST", "/api/users/{user}/api-keys", """{ "name": "k" }"""),
        ("POST", "/api/users/{user}/api-keys/{key}/revoke", "{}"),
        ("POST", "/api/divisions/import", """[{ "code": "{division}", "name": "某区" }]"""),
        ("GET", "/api/stations/{station}/keys", ""),
        ("POST", "/api/stations/{fresh}/keys/commission", "{}"),
        ("POST", "/api/stations/{station}/keys", """{ "purpose": "mac", "algorithm": "aes" }"""),
        ("POST", "/api/stations/{station}/keys/rotate", """{ "purpose": "mac" }"""),
        ("GET", "/api/reviewer-qualifications", ""),
        ("POST", "/api/reviewer-qualifications", """{ "userId": "{user}", "certificateNumber": "C-{unique}", "validFrom": "2026-01-01", "validTo": "2027-12-31" }"""),
        ("POST", "/api/reviewer-qualifications/{certificate}/revoke", """{ "reason": "r" }"""),
    ];

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Every_administration_endpoint_answers_each_caller_by_role_and_by_whether_the_target_is_governed(string caller)
    {
        using var client = await world.Client(caller);
        var failures = new List<string>();
        foreach (var inside in new[] { true, false })
        {
            foreach (var (method, template, bodyTemplate) in Endpoints)
            {
                var target = await world.Target(inside);
                var url = target.Fill(template);
                var response = await client.Send(method, url, target.Fill(bodyTemplate));
                var text = await response.Content.ReadAsStringAsync();
                var expected = Expected(caller, inside, method, template);

                // A list shows the target exactly when the caller governs it.
                var isList = method == "GET" && template is "/api/users" or "/api/reviewer-qualifications";
                var listedRight = !isList || response.StatusCode != HttpStatusCode.OK
                    || text.Contains(target.UserId, StringComparison.Ordinal) == (caller == "admin" || inside);
                if (response.StatusCode != expected || !listedRight)
                {
                    failures.Add($"{caller} {(inside ? "inside" : "outside")} {method} {url}: {(int)response.StatusCode} (expected {(int)expected}{(listedRight ? "" : ", listing wrong")}) {text}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_district_administrator_cannot_mint_or_revoke_the_national_administrators_keys()
    {
        using var district = await world.Client("district-admin");
        var (created, body) = await district.PostJson($"/api/users/{world.NationalAdminId}/api-keys", """{ "name": "takeover" }""");
        Assert.Equal(HttpStatusCode.NotFound, created.StatusCode);
        Assert.Null(body["token"]);

        var national = await world.App.Admin();
        var (_, key) = await national.PostJson($"/api/users/{world.NationalAdminId}/api-keys", """{ "name": "own" }""");
        var token = key["token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await district.PostJson($"/api/users/{world.NationalAdminId}/api-keys/{key["id"]}/revoke", "{}")).Response.StatusCode);

        // A key id is looked up under its own account only: named under an account the district governs, it is unknown.
        var inside = await world.Target(inside: true);
        Assert.Equal(HttpStatusCode.NotFound, (await district.PostJson($"/api/users/{inside.UserId}/api-keys/{key["id"]}/revoke", "{}")).Response.StatusCode);
        using var bearer = world.App.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync(new Uri("/api/users", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_account_that_also_works_in_another_district_is_outside_the_district_administrator()
    {
        var national = await world.App.Admin();
        var userName = await world.App.CreateUser("两区值班员", [("duty-officer", "310104"), ("duty-officer", "310112")]);
        var id = (await national.GetJson("/api/users")).AsArray().Single(u => u!["userName"]!.GetValue<string>() == userName)!["id"]!.GetValue<string>();
        using var district = await world.Client("district-admin");
        Assert.Equal(HttpStatusCode.NotFound, (await district.PostJson($"/api/users/{id}/api-keys", """{ "name": "k" }""")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await district.PostJson($"/api/users/{id}/roles", """{ "role": "auditor", "divisionCode": "310104" }""")).Response.StatusCode);
        Assert.DoesNotContain(id, (await district.GetJson("/api/users")).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_for_a_station_that_is_not_registered_are_refused_even_to_the_national_administrator()
    {
        var national = await world.App.Admin();
        var (created, body) = await national.PostJson("/api/stations/NOSUCHSTATION1/keys", """{ "purpose": "mac", "algorithm": "aes" }""");
        Assert.Equal(HttpStatusCode.NotFound, created.StatusCode);
        Assert.Null(body["material"]);
        Assert.Equal(HttpStatusCode.NotFound, (await national.Send("GET", "/api/stations/NOSUCHSTATION1/keys", "")).StatusCode);
        var (commissioned, kek) = await national.PostJson("/api/stations/NOSUCHSTATION1/keys/commission", "{}");
        Assert.Equal(HttpStatusCode.NotFound, commissioned.StatusCode);
        Assert.Null(kek["kek"]);
    }

    /// <summary>401 signed out, 403 without the role; else success, except what lies outside a district administrator.</summary>
    private static HttpStatusCode Expected(string caller, bool inside, string method, string template)
    {
        if (caller == "anonymous")
        {
            return HttpStatusCode.Unauthorized;
        }

        if (caller.StartsWith("demo-", StringComparison.Ordinal))
        {
            return HttpStatusCode.Forbidden;
        }

        var governed = caller == "admin" || inside;
        return template switch
        {
            // No target: the lists answer every administrator (what they list is checked apart); a new account is anyone's.
            "/api/users" => method == "GET" ? HttpStatusCode.OK : HttpStatusCode.Created,
            "/api/reviewer-qualifications" when method == "GET" => HttpStatusCode.OK,

            // The division is named in the body: refused with its reason, as it always was.
            "/api/divisions/import" => governed ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            _ when !governed => HttpStatusCode.NotFound,
            "/api/users/{user}/api-keys/{key}/revoke" => HttpStatusCode.NoContent,
            "/api/reviewer-qualifications/{certificate}/revoke" => HttpStatusCode.OK,
            _ => method == "GET" ? HttpStatusCode.OK : HttpStatusCode.Created,
        };
    }

    /// <summary>A demo app with a district administrator, a station on each side of its border, and fresh targets.</summary>
    public sealed class World : IAsyncLifetime
    {
        public const string InsideStation = "ADMXUHUI01";
        public const string OutsideStation = "ADMMINHANG01";

        private int _unique;
        private HttpClient? _operators;

        public VigilFactory App { get; } = new() { Demo = true };

        public string NationalAdminId { get; private set; } = "";

        public string DistrictAdmin { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var national = await App.Admin();
            NationalAdminId = (await national.GetJson("/api/auth/me"))["user"]!["id"]!.GetValue<string>();
            DistrictAdmin = await App.CreateUser("徐汇区管理员", [("administrator", "310104")]);
            _operators = await App.As("运维员", "om-agency", "310000");
            foreach (var (code, division) in new[] { (InsideStation, "310104"), (OutsideStation, "310112") })
            {
                await Register(code, division);
                Assert.Equal(HttpStatusCode.Created, (await national.PostJson($"/api/stations/{code}/keys/commission", "{}")).Response.StatusCode);
                var (keyed, keyProblem) = await national.PostJson($"/api/stations/{code}/keys", """{ "purpose": "mac", "algorithm": "aes" }""");
                Assert.True(keyed.StatusCode == HttpStatusCode.Created, keyProblem.ToJsonString());
            }
        }

        public async Task<HttpClient> Client(string caller) => caller switch
        {
            "anonymous" => App.CreateClient(),
            "admin" => (await App.SignIn("admin", VigilFactory.AdminPassword)).Client,
            "district-admin" => (await App.SignIn(DistrictAdmin, VigilFactory.Password)).Client,
            _ => (await App.SignIn(caller, "vigil-demo-2026")).Client,
        };

        /// <summary>
        /// Inside: a fresh Xuhui duty officer and the Xuhui station. Outside: the national administrator itself and the
        /// Minhang station. Each with a live API key and reviewer qualification made by the national administrator.
        /// </summary>
        public async Task<Target> Target(bool inside)
        {
            var national = await App.Admin();
            var unique = Interlocked.Increment(ref _unique).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var userId = NationalAdminId;
            if (inside)
            {
                var userName = await App.CreateUser("徐汇目标" + unique, [("duty-officer", "310104")]);
                userId = (await national.GetJson("/api/users")).AsArray().Single(u => u!["userName"]!.GetValue<string>() == userName)!["id"]!.GetValue<string>();
            }

            var (_, key) = await national.PostJson($"/api/users/{userId}/api-keys", """{ "name": "target" }""");
            var fresh = "ADMFRESH" + unique;
            await Register(fresh, inside ? "310104" : "310112");

            var certificate = "T-" + unique + (inside ? "-in" : "-out");
            var (qualified, problem) = await national.PostJson("/api/reviewer-qualifications", new JsonObject
            {
                ["userId"] = userId, ["certificateNumber"] = certificate, ["validFrom"] = "2026-01-01", ["validTo"] = "2027-12-31",
            }.ToJsonString());
            Assert.True(qualified.StatusCode == HttpStatusCode.Created, problem.ToJsonString());
            return new Target(userId, key["id"]!.GetValue<string>(), inside ? InsideStation : OutsideStation, fresh, certificate, inside ? "310104" : "310112", unique);
        }

        public async Task DisposeAsync()
        {
            _operators?.Dispose();
            await App.DisposeAsync();
        }

        private async Task Register(string code, string division)
        {
            var (registered, problem) = await _operators!.PostJson("/api/stations", $$"""
                { "code": "{{code}}", "name": "管理测试站", "divisionCode": "{{division}}", "latitude": 31.18, "longitude": 121.43,
                  "password": "123456", "items": ["a34004"] }
                """);
            Assert.True(registered.StatusCode == HttpStatusCode.Created, problem.ToJsonString());
        }
    }

    public sealed record Target(string UserId, string KeyId, string Station, string Fresh, string Certificate, string Division, string Unique)
    {
        public string Fill(string template) => template
            .Replace("{user}", UserId, StringComparison.Ordinal).Replace("{key}", KeyId, StringComparison.Ordinal)
            .Replace("{station}", Station, StringComparison.Ordinal).Replace("{fresh}", Fresh, StringComparison.Ordinal).Replace("{certificate}", Certificate, StringComparison.Ordinal)
            .Replace("{division}", Division, StringComparison.Ordinal).Replace("{unique}", Unique, StringComparison.Ordinal);
    }
}

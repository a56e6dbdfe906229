using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Security;

/// <summary>Accounts and sign-in (issue 3 part 1): passwords, lockout, sessions that really end, API keys, roles chosen.</summary>
public abstract class SignInTests(DatabaseProvider engine)
{
    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_the_account()
    {
        await using var app = new VigilFactory { Engine = engine };
        var user = await app.CreateUser("值班员", [("duty-officer", "310104")]);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.SignIn(user, "wrong-password")).Response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await app.SignIn(user, VigilFactory.Password)).Response.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        await using var app = new VigilFactory { Engine = engine };
        var user = await app.CreateUser("值班员", [("duty-officer", "310104")]);
        for (var i = 0; i < 5; i++)
        {
            await app.SignIn(user, "wrong-password");
        }

        var (locked, _) = await app.SignIn(user, VigilFactory.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("15", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SignIn(user, VigilFactory.Password)).Response.StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await app.SignIn(user, VigilFactory.Password)).Response.StatusCode);
    }

    [Fact]
    public async Task Unknown_user_and_wrong_password_get_the_same_answer()
    {
        await using var app = new VigilFactory { Engine = engine };
        var user = await app.CreateUser("值班员", [("duty-officer", "310104")]);
        var (wrong, _) = await app.SignIn(user, "wrong-password");
        var (unknown, _) = await app.SignIn("nobody", "wrong-password");
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(Detail(await wrong.Content.ReadAsStringAsync()), Detail(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Sign_out_ends_the_session_so_a_copied_cookie_stops_working()
    {
        await using var app = new VigilFactory { Engine = engine };
        var user = await app.CreateUser("值班员", [("duty-officer", "310104")]);
        var (signedIn, client) = await app.SignIn(user, VigilFactory.Password);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("vigil.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var copy = app.CreateClient(new() { HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri("/api/incidents", UriKind.Relative))).StatusCode);

        var (signedOut, _) = await client.PostJson("/api/auth/sign-out", "{}");
        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync(new Uri("/api/incidents", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/incidents", UriKind.Relative))).StatusCode);
        client.Dispose();
    }

    [Fact]
    public async Task Api_key_is_shown_once_works_as_bearer_without_antiforgery_and_stops_when_revoked()
    {
        await using var app = new VigilFactory { Engine = engine };
        var admin = await app.Admin();
        var userName = await app.CreateUser("接口账户", [("duty-officer", "310104")], password: null);
        var users = (await admin.GetJson("/api/users")).AsArray();
        var id = users.Single(u => u!["userName"]!.GetValue<string>() == userName)!["id"]!.GetValue<string>();
        var (created, key) = await admin.PostJson($"/api/users/{id}/api-keys", """{ "name": "intake" }""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = key["token"]!.GetValue<string>();
        Assert.StartsWith("vgl_", token, StringComparison.Ordinal);

        using var integration = app.CreateClient(new() { HandleCookies = false });
        integration.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var (opened, _) = await integration.PostJson("/api/incidents", AccessFixture.OpenXuhui);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.DoesNotContain(token, (await admin.GetJson("/api/users")).ToJsonString(), StringComparison.Ordinal);

        var (revoked, _) = await admin.PostJson($"/api/users/{id}/api-keys/{key["id"]}/revoke", "{}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await integration.GetAsync(new Uri("/api/incidents", UriKind.Relative))).StatusCode);

        using var guess = app.CreateClient();
        guess.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "vgl_guessed");
        Assert.Equal(HttpStatusCode.Unauthorized, (await guess.GetAsync(new Uri("/api/incidents", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Cookie_writes_need_the_antiforgery_token()
    {
        await using var app = new VigilFactory { Engine = engine };
        var user = await app.CreateUser("值班员", [("duty-officer", "310104")]);
        var (_, client) = await app.SignIn(user, VigilFactory.Password);
        client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var (refused, problem) = await client.PostJson("/api/incidents", AccessFixture.OpenXuhui);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("X-CSRF-TOKEN", problem["errors"]![0]!["field"]!.GetValue<string>());
        var token = (await client.GetJson("/api/auth/antiforgery"))["token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.Created, (await client.PostJson("/api/incidents", AccessFixture.OpenXuhui)).Response.StatusCode);
        Assert.Equal(1, (await client.GetJson("/api/incidents"))["total"]!.GetValue<int>());
        client.Dispose();
    }

    [Fact]
    public async Task A_user_with_two_roles_here_chooses_one_of_their_own_with_the_role_header()
    {
        await using var app = new VigilFactory { Engine = engine };
        var user = await app.CreateUser("兼职人员", [("duty-officer", "310104"), ("office-director", "310104")]);
        var (_, client) = await app.SignIn(user, VigilFactory.Password);
        var (unchosen, problem) = await client.PostJson("/api/incidents", AccessFixture.OpenXuhui);
        Assert.Equal(HttpStatusCode.BadRequest, unchosen.StatusCode);
        Assert.Equal("X-Vigil-Role", problem["errors"]![0]!["field"]!.GetValue<string>());

        client.DefaultRequestHeaders.Add("X-Vigil-Role", "leader");
        var (claimed, _) = await client.PostJson("/api/incidents", AccessFixture.OpenXuhui);
        Assert.Equal(HttpStatusCode.Forbidden, claimed.StatusCode);

        client.DefaultRequestHeaders.Remove("X-Vigil-Role");
        client.DefaultRequestHeaders.Add("X-Vigil-Role", "duty-officer");
        var (opened, incident) = await client.PostJson("/api/incidents", AccessFixture.OpenXuhui);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var by = incident["timeline"]![0]!["by"]!;
        Assert.Equal("兼职人员", by["name"]!.GetValue<string>());
        Assert.Equal("duty-officer", by["role"]!.GetValue<string>());
        client.Dispose();
    }

    [Fact]
    public async Task The_first_administrator_assigns_roles_only_inside_their_jurisdiction()
    {
        await using var app = new VigilFactory { Engine = engine };
        var districtAdmin = await app.CreateUser("区管理员", [("administrator", "310104")]);
        var (_, client) = await app.SignIn(districtAdmin, VigilFactory.Password);
        var (created, user) = await client.PostJson("/api/users", """{ "userName": "minhang", "displayName": "闵行值班员", "password": "long-enough-password" }""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (outside, _) = await client.PostJson($"/api/users/{user["id"]}/roles", """{ "role": "duty-officer", "divisionCode": "310112" }""");
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        var (inside, _) = await client.PostJson($"/api/users/{user["id"]}/roles", """{ "role": "duty-officer", "divisionCode": "310104001" }""");
        Assert.Equal(HttpStatusCode.Created, inside.StatusCode);
        var (unknownRole, _) = await client.PostJson($"/api/users/{user["id"]}/roles", """{ "role": "emperor", "divisionCode": "310104" }""");
        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
        client.Dispose();
    }

    [Fact]
    public async Task Short_passwords_are_refused()
    {
        await using var app = new VigilFactory { Engine = engine };
        var (response, problem) = await (await app.Admin()).PostJson("/api/users", """{ "userName": "u", "displayName": "u", "password": "short" }""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("password", problem["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_the_password_ends_every_session()
    {
        await using var app = new VigilFactory { Engine = engine };
        var user = await app.CreateUser("值班员", [("duty-officer", "310104")]);
        var (_, client) = await app.SignIn(user, VigilFactory.Password);
        var (_, other) = await app.SignIn(user, VigilFactory.Password);
        var (changed, _) = await client.PostJson("/api/auth/password", """{ "currentPassword": "test-user-password", "newPassword": "another-long-password" }""");
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync(new Uri("/api/incidents", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SignIn(user, VigilFactory.Password)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.SignIn(user, "another-long-password")).Response.StatusCode);
        client.Dispose();
        other.Dispose();
    }

    private static string Detail(string json) => JsonNode.Parse(json)!["detail"]!.GetValue<string>();
}

public sealed class SignInOnSqlite() : SignInTests(DatabaseProvider.Sqlite);

public sealed class SignInOnPostgreSql() : SignInTests(DatabaseProvider.PostgreSql);

/// <summary>The HTTP edge (issue 3 part 6): headers, rate limits, size limits.</summary>
public sealed class HardeningTests
{
    [Fact]
    public async Task Responses_carry_the_security_headers()
    {
        await using var app = new VigilFactory();
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_with_429()
    {
        await using var app = new VigilFactory { SignInPerMinute = 3 };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.SignIn("nobody", "wrong-password")).Response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.SignIn("admin", VigilFactory.AdminPassword)).Response.StatusCode);
    }

    [Fact]
    public async Task Intake_is_rate_limited_with_429()
    {
        await using var app = new VigilFactory { IntakePerMinute = 2 };
        using var duty = await app.As("值班员", "duty-officer");
        Assert.Equal(HttpStatusCode.Created, (await duty.PostJson("/api/incidents", AccessFixture.OpenXuhui)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await duty.PostJson("/api/incidents", AccessFixture.OpenXuhui)).Response.StatusCode);
        using var content = new StringContent(AccessFixture.OpenXuhui, Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await duty.PostAsync(new Uri("/api/incidents", UriKind.Relative), content)).StatusCode);
        Assert.Equal(2, (await duty.GetJson("/api/incidents"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        await using var app = new VigilFactory();
        using var duty = await app.As("值班员", "duty-officer");
        using var content = new StringContent("{\"title\":\"" + new string('x', 1_100_000) + "\"}", Encoding.UTF8, "application/json");
        using var response = await duty.PostAsync(new Uri("/api/incidents", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, (await duty.GetJson("/api/incidents"))["total"]!.GetValue<int>());
    }
}

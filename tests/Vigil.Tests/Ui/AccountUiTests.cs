using System.Net;
using Vigil.Common;
using Vigil.Data.Security;
using Vigil.Host.Security;

namespace Vigil.Tests.Ui;

/// <summary>
/// The web UI's account parts inside the host: the role picker narrows the access to the chosen role and ignores a
/// role not held; an administrator can create an account with a one-time password, which the API then refuses to use
/// until it is changed.
/// </summary>
public sealed class AccountUiTests
{
    private static readonly UserRecord User = new() { Id = "u1", DisplayName = "双角色用户" };

    private static readonly RoleAssignmentRecord[] TwoRoles =
    [
        new() { UserId = "u1", RoleId = "duty-officer", DivisionCode = "310104" },
        new() { UserId = "u1", RoleId = "qualified-reviewer", DivisionCode = "310000" },
        new() { UserId = "u1", RoleId = "division-staff", DivisionCode = "310104" },
    ];

    [Fact]
    public void Acting_as_a_held_role_narrows_every_check_to_that_role_and_requests_it_like_the_role_header()
    {
        var acting = new Access(User, TwoRoles, null).ActingAs("division-staff");
        Assert.Equal("division-staff", acting.ActingRole);
        Assert.Equal(["division-staff"], acting.Assignments.Select(a => a.RoleId));
        Assert.False(acting.HoldsAny(["duty-officer"]));
        Assert.False(acting.Sees("310000", ["qualified-reviewer"]));
        Assert.Equal("division-staff", acting.RoleAt("310104", ["duty-officer", "division-staff"]).Value);

        // Without a choice both roles cover Xuhui and the user has to choose, exactly as in the API.
        var all = new Access(User, TwoRoles, null).ActingAs(null);
        Assert.Null(all.ActingRole);
        Assert.Equal(ProblemKind.Invalid, all.RoleAt("310104", ["duty-officer", "division-staff"]).Kind);
    }

    [Theory]
    [InlineData("auditor")]
    [InlineData("administrator")]
    [InlineData("")]
    public void A_role_not_held_is_ignored_the_user_keeps_their_own_roles_and_gains_none(string role)
    {
        var acting = new Access(User, TwoRoles, null).ActingAs(role);
        Assert.Null(acting.ActingRole);
        Assert.Equal(3, acting.Assignments.Count);
        Assert.False(acting.HoldsAny([role]));
        Assert.Equal("qualified-reviewer", acting.RoleAt("310000", ["qualified-reviewer"]).Value);
    }

    [Fact]
    public async Task The_role_picker_keeps_the_chosen_role_in_the_session_and_pages_act_under_it_a_role_not_held_clears_it()
    {
        await using var app = new VigilFactory();
        var userName = await app.CreateUser("双角色用户", [("duty-officer", "310104"), ("qualified-reviewer", "310000")]);
        var (_, client) = await app.SignIn(userName, VigilFactory.Password);

        Assert.Contains("id=\"f-day\"", await client.GetStringAsync(new Uri("/reviews", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("id=\"acting-role\"", await client.GetStringAsync(new Uri("/reviews", UriKind.Relative)), StringComparison.Ordinal);

        var asDuty = await Choose(client, "duty-officer");
        Assert.DoesNotContain("id=\"f-day\"", asDuty, StringComparison.Ordinal);
        Assert.Contains("<option value=\"duty-officer\" selected", asDuty, StringComparison.Ordinal);

        var notHeld = await Choose(client, "national-centre");
        Assert.Contains("id=\"f-day\"", notHeld, StringComparison.Ordinal);
        Assert.Contains("<option value selected>", notHeld, StringComparison.Ordinal);

        // The API is untouched by the UI's choice: the role header still chooses there.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/reviews/days", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_role_picker_needs_the_antiforgery_token()
    {
        await using var app = new VigilFactory();
        var userName = await app.CreateUser("双角色用户", [("duty-officer", "310104"), ("qualified-reviewer", "310000")]);
        var (_, signedIn) = await app.SignIn(userName, VigilFactory.Password);
        signedIn.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["role"] = "duty-officer", ["returnUrl"] = "/reviews" });
        Assert.Equal(HttpStatusCode.BadRequest, (await signedIn.PostAsync(new Uri("/account/role", UriKind.Relative), form)).StatusCode);
    }

    [Fact]
    public async Task An_account_created_with_a_one_time_password_must_change_it_before_the_api_serves_it()
    {
        await using var app = new VigilFactory();
        var admin = await app.Admin();
        var (created, _) = await admin.PostJson("/api/users", """{ "userName": "first-time", "displayName": "新账户", "password": "one-time-pass-2026", "mustChangePassword": true }""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (_, client) = await app.SignIn("first-time", "one-time-pass-2026");
        var me = await client.GetJson("/api/auth/me");
        Assert.True(me["user"]!["mustChangePassword"]!.GetValue<bool>());
        var refused = await client.GetAsync(new Uri("/api/incidents", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("password", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (bad, problem) = await admin.PostJson("/api/users", """{ "userName": "bad-flag", "displayName": "新账户", "password": "one-time-pass-2026", "mustChangePassword": "yes" }""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("mustChangePassword", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SignIn("bad-flag", "one-time-pass-2026")).Response.StatusCode);
    }

    private static async Task<string> Choose(HttpClient client, string role)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["role"] = role, ["returnUrl"] = "/reviews" });
        var response = await client.PostAsync(new Uri("/account/role", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/reviews", response.RequestMessage!.RequestUri!.AbsolutePath);
        return await response.Content.ReadAsStringAsync();
    }
}

using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Host.Incidents;
using Vigil.Tests.Security;

namespace Vigil.Tests.Ui;

/// <summary>
/// The web UI inside the host: pages send a signed-out browser to the sign-in page while the API keeps answering 401,
/// zh-CN unless the culture cookie says otherwise, no open redirects, and one change notification for API and UI.
/// </summary>
public sealed class UiHostTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    private HttpClient Anonymous(string language = "en-US")
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    [Fact]
    public async Task A_signed_out_page_visit_is_redirected_to_sign_in_while_the_api_answers_401()
    {
        using var client = Anonymous();
        var page = await client.GetAsync(new Uri("/incidents/new", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/sign-in?ReturnUrl=%2Fincidents%2Fnew", page.Headers.Location!.PathAndQuery);

        var api = await client.GetAsync(new Uri("/api/incidents", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Null(api.Headers.Location);
    }

    [Fact]
    public async Task The_ui_is_in_chinese_for_an_english_browser_until_the_culture_cookie_says_english()
    {
        using var client = Anonymous("en-US");
        var chinese = await client.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        Assert.Contains("<html lang=\"zh-CN\">", chinese, StringComparison.Ordinal);

        var chosen = await client.GetAsync(new Uri("/culture/en?returnUrl=%2Fsign-in", UriKind.Relative));
        Assert.Equal("/sign-in", chosen.Headers.Location!.OriginalString);
        var cookie = chosen.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var english = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("User name", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_keep_the_strict_content_security_policy_with_only_a_same_origin_base()
    {
        using var client = Anonymous();
        var page = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));
        var policies = page.Headers.GetValues("Content-Security-Policy").ToList();
        Assert.Equal("default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'", policies[0]);
        Assert.All(policies.Skip(1), p => Assert.Equal("frame-ancestors 'none'", p));
        Assert.Contains("<base href=\"/\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_counts_attempts_against_the_same_limit_as_the_api_but_not_page_views()
    {
        await using var app = new VigilFactory { SignInPerMinute = 2 };
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/sign-in", UriKind.Relative))).StatusCode);
        }

        async Task<HttpResponseMessage> Attempt(string password)
        {
            var form = await client.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
            var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "sign-in",
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = "admin",
                ["Input.Password"] = password,
                ["Input.ReturnUrl"] = "/stations",
            });
            return await client.PostAsync(new Uri("/sign-in", UriKind.Relative), content);
        }

        var wrong = await Attempt("wrong-password");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("用户名或密码错误。", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var right = await Attempt(VigilFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(new Uri(client.BaseAddress!, "/stations"), new Uri(client.BaseAddress!, right.Headers.Location!));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Attempt(VigilFactory.AdminPassword)).StatusCode);
    }

    [Theory]
    [InlineData("https://elsewhere.example/", "/")]
    [InlineData("//elsewhere.example/", "/")]
    [InlineData("/\\elsewhere.example/", "/")]
    [InlineData("/stations", "/stations")]
    public async Task The_language_switch_only_returns_to_pages_of_this_site(string returnUrl, string expected)
    {
        using var client = Anonymous();
        var response = await client.GetAsync(new Uri("/culture/en?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_change_made_through_the_api_is_announced_to_the_live_boards_after_it_is_saved()
    {
        var notifier = fixture.App.Services.GetRequiredService<IncidentNotifier>();
        var changes = new List<(Guid Id, string Division)>();
        void Record(Guid id, string division)
        {
            lock (changes)
            {
                changes.Add((id, division));
            }
        }

        notifier.IncidentChanged += Record;
        try
        {
            var (created, incident) = await fixture.XuhuiDuty.PostJson("/api/incidents", AccessFixture.OpenXuhui);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = Guid.Parse(incident["id"]!.GetValue<string>());
            var (refused, _) = await fixture.MinhangDuty.PostJson($"/api/incidents/{id}/proposals", """{ "level": "IV" }""");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            var (proposed, _) = await fixture.XuhuiDuty.PostJson($"/api/incidents/{id}/proposals", """{ "level": "IV" }""");
            Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);

            // Two saved changes, two notices; the refused command announced nothing.
            lock (changes)
            {
                Assert.Equal([(id, "310104"), (id, "310104")], changes.Where(c => c.Id == id));
            }
        }
        finally
        {
            notifier.IncidentChanged -= Record;
        }
    }
}

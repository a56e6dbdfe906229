using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Prevention;

/// <summary>
/// One app with the people of dual prevention in Xuhui (310104) and one regulator in Minhang (310112): a district
/// bureau regulator, an inspector, and an enterprise's principal and safety officer appointed to a registered enterprise.
/// </summary>
public sealed class PreventionWorld : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>A valid unified social credit code (GB 32100-2015 check character).</summary>
    public const string CreditCode = "91310104MA1FL8XQ36";

    public VigilFactory App { get; } = new();

    public HttpClient Regulator { get; private set; } = null!;

    public HttpClient MinhangRegulator { get; private set; } = null!;

    public HttpClient Inspector { get; private set; } = null!;

    public HttpClient Principal { get; private set; } = null!;

    public HttpClient Officer { get; private set; } = null!;

    public HttpClient Auditor { get; private set; } = null!;

    public string InspectorId { get; private set; } = "";

    public string OfficerId { get; private set; } = "";

    public string EnterpriseId { get; private set; } = "";

    private readonly Dictionary<string, (string Name, string Role, string Division, string UserName)> _people = new()
    {
        ["regulator"] = ("徐汇区局监管员", "division-staff", "310104", ""),
        ["minhang"] = ("闵行区局监管员", "division-staff", "310112", ""),
        ["inspector"] = ("徐汇检查员", "inspection-institute", "310104", ""),
        ["principal"] = ("测试企业负责人", "enterprise-principal", "310104", ""),
        ["officer"] = ("测试企业安全员", "safety-officer", "310104", ""),
        ["auditor"] = ("审计员", "auditor", "000000", ""),
    };

    public async Task InitializeAsync()
    {
        foreach (var (key, person) in _people.ToList())
        {
            _people[key] = person with { UserName = await App.CreateUser(person.Name, [(person.Role, person.Division)]) };
        }

        await SignInAll();
        InspectorId = await IdOf(Inspector);
        OfficerId = await IdOf(Officer);
        EnterpriseId = await Register(Regulator, "测试化工有限公司", CreditCode, "310104001", "chemicals", 31.18, 121.43);
        await Appoint(EnterpriseId, await IdOf(Principal), "enterprise-principal");
        await Appoint(EnterpriseId, OfficerId, "safety-officer");
    }

    /// <summary>Moves the clock and signs everyone in again (a session lasts 12 hours of the app's clock).</summary>
    public async Task Travel(DateTimeOffset to)
    {
        App.Clock.SetUtcNow(to);
        foreach (var client in new[] { Regulator, MinhangRegulator, Inspector, Principal, Officer, Auditor })
        {
            client.Dispose();
        }

        await SignInAll();
    }

    private async Task SignInAll()
    {
        async Task<HttpClient> SignIn(string key) => (await App.SignIn(_people[key].UserName, VigilFactory.Password)).Client;
        Regulator = await SignIn("regulator");
        MinhangRegulator = await SignIn("minhang");
        Inspector = await SignIn("inspector");
        Principal = await SignIn("principal");
        Officer = await SignIn("officer");
        Auditor = await SignIn("auditor");
    }

    public static async Task<string> IdOf(HttpClient client) => (await client.GetJson("/api/auth/me"))["user"]!["id"]!.GetValue<string>();

    public static async Task<string> Register(HttpClient regulator, string name, string creditCode, string division, string industry, double? latitude = null, double? longitude = null, string datum = "wgs84")
    {
        var body = new JsonObject { ["name"] = name, ["creditCode"] = creditCode, ["divisionCode"] = division, ["industry"] = industry, ["address"] = "测试路1号" };
        if (latitude is not null)
        {
            body["latitude"] = latitude;
            body["longitude"] = longitude;
            body["datum"] = datum;
        }

        var (response, created) = await regulator.PostJson("/api/enterprises", body.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToJsonString());
        return created["id"]!.GetValue<string>();
    }

    public async Task Appoint(string enterpriseId, string userId, string role)
    {
        var (response, body) = await Regulator.PostJson($"/api/enterprises/{enterpriseId}/staff", new JsonObject { ["userId"] = userId, ["role"] = role }.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
    }

    /// <summary>A tiny but real JPEG header: the type is decided by these bytes.</summary>
    public static byte[] Photo(string marker) => [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.UTF8.GetBytes(marker)];

    /// <summary>A public report as a browser form sends it: multipart with photos.</summary>
    public static async Task<(HttpResponseMessage Response, JsonNode Body)> PublicReport(HttpClient client, string creditCode, string description, params byte[][] photos)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(creditCode), "creditCode");
        form.Add(new StringContent(description), "description");
        var i = 0;
        foreach (var photo in photos)
        {
            var content = new ByteArrayContent(photo);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(content, "photos", $"photo{i++}.jpg");
        }

        var response = await client.PostAsync(new Uri("/api/public/hazards", UriKind.Relative), form);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    /// <summary>Uploads evidence and returns its SHA-256.</summary>
    public static async Task<string> Upload(HttpClient client, byte[] content, string name = "evidence.jpg")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "files", name);
        var response = await client.PostAsync(new Uri("/api/evidence", UriKind.Relative), form);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body[0]!["sha256"]!.GetValue<string>();
    }

    public async Task<int> AuditCount() => (await Auditor.GetJson("/api/audit?pageSize=1"))["total"]!.GetValue<int>();

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { Regulator, MinhangRegulator, Inspector, Principal, Officer, Auditor })
        {
            client.Dispose();
        }

        await App.DisposeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}

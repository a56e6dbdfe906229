using System.Net;

namespace Vigil.Tests.Security;

/// <summary>
/// One app for the access tables: a Xuhui incident with a pending proposal, and signed-in users of the right role,
/// a wrong role and another district.
/// </summary>
public sealed class AccessFixture : IAsyncLifetime
{
    public const string OpenXuhui = """
        { "planId": "shanghai-special-equipment-2025", "divisionCode": "310104", "title": "访问测试",
          "report": { "occurredAt": "2026-11-22T02:00", "contents": { "place": "p", "unit": "u", "equipment": "电梯", "course": "c",
            "casualties": "无", "measures": "m", "reporterName": "测试报告人", "reporterPhone": "13800000000" },
            "facts": { "equipmentType": "elevator", "strandedPeople": 2, "strandedHours": 2 } } }
        """;

    public VigilFactory App { get; } = new();

    public HttpClient XuhuiDuty { get; private set; } = null!;

    public HttpClient MinhangDuty { get; private set; } = null!;

    public HttpClient Reviewer { get; private set; } = null!;

    public HttpClient Auditor { get; private set; } = null!;

    public HttpClient CityDeputy { get; private set; } = null!;

    public string IncidentId { get; private set; } = "";

    public string ProposalId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        XuhuiDuty = await App.As("徐汇值班员", "duty-officer", "310104");
        MinhangDuty = await App.As("闵行值班员", "duty-officer", "310112");
        Reviewer = await App.As("审核员", "qualified-reviewer", "310104");
        Auditor = await App.As("审计员", "auditor", "000000");
        CityDeputy = await App.As("市局副组长", "deputy-leader", "310000");
        var (created, incident) = await XuhuiDuty.PostJson("/api/incidents", OpenXuhui);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        IncidentId = incident["id"]!.GetValue<string>();
        var (_, proposed) = await XuhuiDuty.PostJson($"/api/incidents/{IncidentId}/proposals", """{ "level": "IV" }""");
        ProposalId = proposed["proposals"]![0]!["id"]!.GetValue<string>();
    }

    public string Url(string template) => template.Replace("{id}", IncidentId, StringComparison.Ordinal).Replace("{proposal}", ProposalId, StringComparison.Ordinal);

    public async Task<int> TimelineLength() =>
        (await XuhuiDuty.GetJson($"/api/incidents/{IncidentId}"))["timeline"]!.AsArray().Count;

    public async Task<int> AuditCount() => (await Auditor.GetJson("/api/audit?pageSize=1"))["total"]!.GetValue<int>();

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { XuhuiDuty, MinhangDuty, Reviewer, Auditor, CityDeputy })
        {
            client.Dispose();
        }

        await App.DisposeAsync();
    }
}

using Vigil.Prevention;

namespace Vigil.Core.Tests.Prevention;

/// <summary>Issue 5 part 1: the enterprise register and risk points.</summary>
public sealed class EnterpriseTests
{
    // The first is the example of GB 32100-2015; the second is synthetic, with its check character computed.
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91310101MA1FPX0003")]
    [InlineData(" 91310101ma1fpx0003 ")]
    public void A_unified_social_credit_code_with_a_correct_check_character_is_accepted(string text) =>
        Assert.Equal(text.Trim().ToUpperInvariant(), UnifiedSocialCreditCode.Parse("creditCode", text).Value.Value);

    [Theory]
    [InlineData("91350100M000100Y44", "uscc.check")]
    [InlineData("91350100M000100Y4", "uscc.format")]
    [InlineData("91350100M000I00Y43", "uscc.format")]
    [InlineData(null, "uscc.format")]
    public void A_bad_unified_social_credit_code_is_refused_naming_the_field(string? text, string code)
    {
        var problem = Assert.Single(UnifiedSocialCreditCode.Parse("creditCode", text).Problems);
        Assert.Equal("creditCode", problem.Field);
        Assert.Equal(code, problem.Code);
    }

    [Fact]
    public void An_enterprise_is_registered_with_its_location_and_datum()
    {
        var location = GeoPoint.Create(31.23, 121.47, GeoDatum.Gcj02).Value;
        var enterprise = Enterprise.Create("ent-1", " Synthetic Chemicals Co. ", "91310101MA1FPX0003", "Huangpu", "chemicals", "1 Example Road", location).Value;
        Assert.Equal("Synthetic Chemicals Co.", enterprise.Name);
        Assert.Equal(GeoDatum.Gcj02, enterprise.Location?.Datum);
    }

    [Fact]
    public void Every_missing_or_bad_register_field_is_named()
    {
        var result = Enterprise.Create("ent-1", "", "bad", " ", null, "", null);
        Assert.Equal(["creditCode", "name", "district", "industry", "address"], result.Problems.Select(p => p.Field));
    }

    [Fact]
    public void A_risk_point_needs_a_name()
    {
        Assert.Equal("name", Assert.Single(RiskPoint.Create("rp-1", "ent-1", " ", null).Problems).Field);
        Assert.Equal("Tank farm", RiskPoint.Create("rp-1", "ent-1", "Tank farm", null).Value.Name);
    }

    [Fact]
    public void DP_HAZ_an_inspection_finding_marked_as_a_hazard_opens_a_hazard_file_and_completes_the_plan()
    {
        var inspector = new Actor("inspector-a", ActorRole.Inspector);
        var at = new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.FromHours(8));
        var photo = EvidenceHash.Of("blocked exit"u8);
        var record = new InspectionRecord("i-1", "ent-1", inspector, at,
        [
            new InspectionFinding("Fire exit blocked by pallets", true, [photo]),
            new InspectionFinding("Training records complete", false, []),
        ]);

        var found = Assert.Single(record.RaisedHazards);
        Assert.Equal(inspector, found.By);
        var file = HazardFile.Open("hz-9", "ent-1", "district-bureau-1", found).Value;
        Assert.Equal(HazardState.Found, file.State);
        Assert.Equal([photo], file.Steps[0].Evidence);

        var planned = new PlannedInspection("i-1", "ent-1", "inspector-a", "Huangpu", new DateOnly(2026, 3, 15), null);
        Assert.Empty(InspectionOverdue.Find([record.Completes(planned)], at.AddDays(10)));
        Assert.Single(InspectionOverdue.Find([planned], at.AddDays(10)));
    }
}

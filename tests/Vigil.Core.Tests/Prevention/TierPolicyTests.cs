using Vigil.Core.Tests.Common;
using Vigil.Prevention;

namespace Vigil.Core.Tests.Prevention;

/// <summary>DP-TIER: tier derived from data, with the reason shown.</summary>
public sealed class TierPolicyTests
{
    private static TierDecision Decide(string industry, int majorHazards, params RecordedAccidentLevel[] accidents) =>
        TierPolicy.Default.Decide(new SupervisionFacts("ent-1", industry, majorHazards, accidents));

    [Fact]
    public void DP_TIER_unresolved_major_hazard_is_red_and_inspected_weekly()
    {
        var decision = Decide("retail", 1);
        Assert.Equal(SupervisionTier.Red, decision.Tier);
        Assert.Equal(Cadence.Weekly, decision.InspectionCadence);
        Assert.Equal(["tier.red.major_hazard"], decision.Reasons.Select(r => r.Code));
    }

    [Theory]
    [InlineData(RecordedAccidentLevel.I)]
    [InlineData(RecordedAccidentLevel.II)]
    [InlineData(RecordedAccidentLevel.III)]
    public void DP_TIER_level_III_or_higher_accident_is_red(RecordedAccidentLevel level)
    {
        var decision = Decide("retail", 0, RecordedAccidentLevel.IV, level);
        Assert.Equal(SupervisionTier.Red, decision.Tier);
        Assert.Equal(["tier.red.accident"], decision.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void DP_TIER_level_IV_accident_does_not_make_red_but_ends_blue()
    {
        var decision = Decide("retail", 0, RecordedAccidentLevel.IV);
        Assert.Equal(SupervisionTier.Yellow, decision.Tier);
        Assert.Equal(["tier.yellow.accident"], decision.Reasons.Select(r => r.Code));
        Assert.Equal(["tier.yellow.key_industry", "tier.yellow.accident"], Decide("chemicals", 0, RecordedAccidentLevel.IV).Reasons.Select(r => r.Code));
    }

    [Fact]
    public void DP_TIER_unit_without_any_accident_in_an_ordinary_industry_is_blue() =>
        Assert.Equal(["tier.blue.other"], Decide("retail", 0).Reasons.Select(r => r.Code));

    [Fact]
    public void DP_TIER_red_wins_over_key_industry_and_shows_every_red_reason()
    {
        var decision = Decide("chemicals", 2, RecordedAccidentLevel.II);
        Assert.Equal(SupervisionTier.Red, decision.Tier);
        Assert.Equal(["tier.red.major_hazard", "tier.red.accident"], decision.Reasons.Select(r => r.Code));
    }

    [Theory]
    [InlineData("coal-mining")]
    [InlineData("chemicals")]
    [InlineData("building-materials")]
    [InlineData("Hazardous-Chemicals")]
    public void DP_TIER_key_industry_without_red_facts_is_yellow_and_inspected_half_monthly(string industry)
    {
        var decision = Decide(industry, 0);
        Assert.Equal(SupervisionTier.Yellow, decision.Tier);
        Assert.Equal(Cadence.HalfMonthly, decision.InspectionCadence);
        Assert.Equal("tier.yellow.key_industry", Assert.Single(decision.Reasons).Code);
    }

    [Fact]
    public void DP_TIER_other_units_are_blue_and_inspected_monthly()
    {
        var decision = Decide("retail", 0);
        Assert.Equal(SupervisionTier.Blue, decision.Tier);
        Assert.Equal(Cadence.Monthly, decision.InspectionCadence);
        Assert.Equal("tier.blue.other", Assert.Single(decision.Reasons).Code);
    }

    [Fact]
    public void DP_TIER_key_industries_are_configurable()
    {
        var policy = new TierPolicy(new KeyIndustries(["retail"]));
        Assert.Equal(SupervisionTier.Yellow, policy.Decide(new SupervisionFacts("ent-1", "retail", 0, [])).Tier);
        Assert.Equal(SupervisionTier.Blue, policy.Decide(new SupervisionFacts("ent-1", "chemicals", 0, [])).Tier);
    }

    [Fact]
    public void DP_TIER_reason_is_shown_in_the_users_language()
    {
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("红色：发生过 III 级事故（较大及以上）。", Decide("retail", 0, RecordedAccidentLevel.III).Reasons[0].Text);
        }

        using (new CultureScope("en-US"))
        {
            Assert.Equal("Yellow: industry Chemicals is a key industry.", Decide("chemicals", 0).Reasons[0].Text);
        }
    }

    [Fact]
    public void DP_TIER_an_enterprise_turns_red_with_an_open_major_hazard_and_back_when_it_is_closed_out()
    {
        var enterprise = Enterprise.Create("ent-1", "Synthetic Foods Co.", "91310101MA1FPX0003", "Huangpu", "food", "1 Example Road", null).Value;
        var officer = new Actor("officer-1", ActorRole.SafetyOfficer);
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var hazard = HazardFile.Open("hz-1", "ent-1", "bureau", new HazardFound("Gas leak", officer, at, [])).Value;
        var other = HazardFile.Open("hz-2", "ent-2", "bureau", new HazardFound("Gas leak", officer, at, [])).Value;
        other = other.Append(new HazardRegistered(officer, at, [])).Value.Append(new HazardAssessed(HazardGrade.Major, null, officer, at, [])).Value;

        SupervisionTier Tier() => TierPolicy.Default.Decide(SupervisionFacts.Gather(enterprise, [hazard, other], [])).Tier;

        Assert.Equal(SupervisionTier.Blue, Tier());
        hazard = hazard.Append(new HazardRegistered(officer, at, [])).Value.Append(new HazardAssessed(HazardGrade.Major, null, officer, at, [])).Value;
        Assert.Equal(SupervisionTier.Red, Tier());

        var five = new FiveImplementations("officer-1", "Replace line", 5000m, new DateOnly(2026, 4, 1), "Evacuate");
        var verifier = new Actor("inspector-1", ActorRole.Inspector);
        hazard = hazard.Append(new RectificationPlanRecorded(five, officer, at, [])).Value
            .Append(new HazardReported(officer, at, [])).Value
            .Append(new HazardMonitored(officer, at, [])).Value
            .Append(new HazardRectified(officer, at, [])).Value
            .Append(new HazardClosedOut(verifier, at, [EvidenceHash.Of("after"u8)])).Value;
        Assert.Equal(SupervisionTier.Blue, Tier());
    }

    [Fact]
    public void DP_TIER_a_level_III_accident_on_record_turns_a_blue_enterprise_red()
    {
        var enterprise = Enterprise.Create("ent-1", "Synthetic Foods Co.", "91310101MA1FPX0003", "Huangpu", "food", "1 Example Road", null).Value;
        Assert.Equal(SupervisionTier.Blue, TierPolicy.Default.Decide(SupervisionFacts.Gather(enterprise, [], [])).Tier);
        Assert.Equal(SupervisionTier.Red, TierPolicy.Default.Decide(SupervisionFacts.Gather(enterprise, [], [RecordedAccidentLevel.III])).Tier);
    }
}

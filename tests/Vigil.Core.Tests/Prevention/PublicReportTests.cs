using Vigil.Common;
using Vigil.Prevention;

namespace Vigil.Core.Tests.Prevention;

/// <summary>
/// Issue 15 item 17 (001 四(四)): the public reports an operator by name and address; the bureau matches it to the
/// register or records it as unregistered, once, attributably.
/// </summary>
public sealed class PublicReportTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);
    private static readonly Actor Regulator = new("u-regulator", ActorRole.Regulator);

    [Fact]
    public void A_reported_operator_needs_a_name_and_an_address_within_the_registers_lengths()
    {
        Assert.True(ReportedOperator.Create(" 无名小作坊 ", " 徐汇区示例路 8 号后院 ").IsSuccess);
        Assert.Equal("无名小作坊", ReportedOperator.Create(" 无名小作坊 ", "示例路").Value.Name);
        Assert.Equal(["enterpriseName", "address"], ReportedOperator.Create(" ", null).Problems.Select(p => p.Field));
        Assert.True(ReportedOperator.Create(new string('坊', 200), new string('路', 400)).IsSuccess);
        Assert.Equal(["enterpriseName", "address"], ReportedOperator.Create(new string('坊', 201), new string('路', 401)).Problems.Select(p => p.Field));
    }

    [Fact]
    public void A_regulator_matches_to_a_register_entry_or_records_unregistered_with_a_reason()
    {
        var matched = PublicReports.Decide(null, PublicReportOutcome.Matched, "e-1", null, Regulator, At);
        Assert.True(matched.IsSuccess);
        Assert.Equal(("e-1", Regulator, ""), (matched.Value.EnterpriseId, matched.Value.By, matched.Value.Reason));
        var unregistered = PublicReports.Decide(null, PublicReportOutcome.Unregistered, "e-1", "市场主体登记系统查无此名称和地址", Regulator, At);
        Assert.True(unregistered.IsSuccess);
        Assert.Null(unregistered.Value.EnterpriseId);

        Assert.Equal("enterpriseId", Assert.Single(PublicReports.Decide(null, PublicReportOutcome.Matched, " ", null, Regulator, At).Problems).Field);
        var noReason = PublicReports.Decide(null, PublicReportOutcome.Unregistered, null, "  ", Regulator, At);
        Assert.Equal((ProblemKind.Invalid, "reason"), (noReason.Kind, Assert.Single(noReason.Problems).Field));
    }

    [Theory]
    [InlineData(ActorRole.Inspector)]
    [InlineData(ActorRole.Principal)]
    [InlineData(ActorRole.Public)]
    public void Only_a_regulator_decides(ActorRole role)
    {
        var refused = PublicReports.Decide(null, PublicReportOutcome.Unregistered, null, "查无此单位", new Actor("u", role), At);
        Assert.Equal(ProblemKind.Forbidden, refused.Kind);
    }

    [Fact]
    public void A_decision_stands_a_second_is_refused_whatever_it_says()
    {
        var first = PublicReports.Decide(null, PublicReportOutcome.Unregistered, null, "查无此单位", Regulator, At).Value;
        var again = PublicReports.Decide(first, PublicReportOutcome.Matched, "e-1", null, new Actor("u-other", ActorRole.Regulator), At.AddHours(1));
        Assert.Equal(ProblemKind.Conflict, again.Kind);
        Assert.Equal("report", Assert.Single(again.Problems).Field);
    }

    [Fact]
    public void Similarity_is_the_dice_coefficient_of_character_pairs()
    {
        Assert.Equal(1m, PublicReports.Similarity("示例化工", "示例化工"));
        Assert.Equal(0m, PublicReports.Similarity("甲乙", "丙丁"));
        Assert.Equal(0.5m, PublicReports.Similarity("甲乙丙", "甲乙丁"));
        Assert.Equal(0.8m, PublicReports.Similarity("甲乙丙", "甲乙丙丁"));
        Assert.Equal(1m, PublicReports.Similarity("甲", "甲"));
        Assert.Equal(0m, PublicReports.Similarity("", ""));
    }

    [Fact]
    public void Candidates_are_alike_in_name_from_one_half_or_in_address_from_six_tenths()
    {
        (string, string, string)[] register =
        [
            ("e-name", "上海徐汇示例化工有限公司", "上海市徐汇区龙华路 1 号"),
            ("e-half", "甲乙丁", "别处 99 号"),
            ("e-below", "甲乙丁戊", "别处 98 号"),
            ("e-wide", "另一家公司", "徐汇区示例路8号"),
            ("e-address", "第三家公司", "子丑寅卯辰巳"),
            ("e-far", "毫不相干", "闵行区远方路 200 号"),
        ];
        var byName = PublicReports.Candidates(new ReportedOperator("徐汇示例化工厂", "不详"), register);
        Assert.Equal("e-name", Assert.Single(byName).EnterpriseId);
        Assert.Equal(0.76m, byName[0].NameSimilarity);

        // 甲乙丙 against 甲乙丁 is exactly 0.5 (a candidate), against 甲乙丁戊 0.4 (not one).
        Assert.Equal(["e-half"], PublicReports.Candidates(new ReportedOperator("甲乙丙", "无"), register).Select(c => c.EnterpriseId));

        // Addresses: exactly 0.6 is a candidate, 0.54 is not.
        Assert.Equal(0.6m, Assert.Single(PublicReports.Candidates(new ReportedOperator("无名作坊", "子丑寅卯午未"), register)).AddressSimilarity);
        Assert.Empty(PublicReports.Candidates(new ReportedOperator("无名作坊", "子丑寅卯午未申"), register));

        // Full-width digits and spaces do not matter: 徐汇区示例路８号后院 is 0.87 alike 徐汇区示例路8号.
        var wide = Assert.Single(PublicReports.Candidates(new ReportedOperator("无名作坊", "徐汇区示例路８号后院"), register));
        Assert.Equal(("e-wide", 0.87m), (wide.EnterpriseId, wide.AddressSimilarity));
    }
}

using Microsoft.Extensions.Time.Testing;
using Vigil.Prevention;

namespace Vigil.Core.Tests.Prevention;

/// <summary>DP-RISK: assessments are appended, overrides need a regulator and a reason.</summary>
public sealed class RiskHistoryTests
{
    private static readonly Actor Officer = new("officer-1", ActorRole.SafetyOfficer);
    private static readonly Actor Regulator = new("regulator-1", ActorRole.Regulator);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));

    private static RiskScore Ls(int l, int s) =>
        RiskMethodCatalog.Default.Find("ls").Value.Assess(new Dictionary<string, decimal> { ["l"] = l, ["s"] = s }).Value;

    private RiskHistory Assessed(params RiskScore[] scores)
    {
        var history = RiskHistory.Empty("rp-1");
        foreach (var score in scores)
        {
            history = history.Record(score, Officer, _clock.GetUtcNow()).Value;
            _clock.Advance(TimeSpan.FromDays(1));
        }

        return history;
    }

    [Fact]
    public void DP_RISK_assessments_are_appended_and_the_trend_keeps_every_colour()
    {
        var history = Assessed(Ls(2, 2), Ls(3, 3), Ls(5, 5));
        Assert.Equal(3, history.Entries.Count);
        Assert.Equal([RiskColour.Blue, RiskColour.Yellow, RiskColour.Red], history.Trend.Select(t => t.Colour));
        Assert.Equal(RiskColour.Red, history.CurrentColour);
    }

    [Fact]
    public void DP_RISK_no_colour_before_the_first_assessment() =>
        Assert.Null(RiskHistory.Empty("rp-1").CurrentColour);

    [Fact]
    public void DP_RISK_regulator_override_with_reason_sets_the_colour_and_keeps_the_assessment()
    {
        var history = Assessed(Ls(2, 2)).Override(RiskColour.Orange, "Flammable storage next to a school", Regulator, _clock.GetUtcNow()).Value;
        Assert.Equal(RiskColour.Orange, history.CurrentColour);
        var entry = Assert.IsType<RiskColourOverridden>(history.Entries[^1]);
        Assert.Equal(0, entry.OverridesEntry);
        Assert.Equal(RiskColour.Blue, Assert.IsType<RiskAssessed>(history.Entries[0]).Score.Colour);
    }

    [Fact]
    public void DP_RISK_a_new_lower_assessment_does_not_lower_the_colour_below_the_override()
    {
        var overridden = Assessed(Ls(2, 2)).Override(RiskColour.Orange, "reason", Regulator, _clock.GetUtcNow()).Value;
        _clock.Advance(TimeSpan.FromDays(1));
        var reassessed = overridden.Record(Ls(3, 3), Officer, _clock.GetUtcNow()).Value;
        Assert.Equal(RiskColour.Orange, reassessed.CurrentColour);
        Assert.Equal(3, reassessed.Entries.Count);
        Assert.Equal([RiskColour.Blue, RiskColour.Orange, RiskColour.Orange], reassessed.Trend.Select(t => t.Colour));
    }

    [Fact]
    public void DP_RISK_a_new_higher_assessment_raises_the_colour_above_the_override()
    {
        var overridden = Assessed(Ls(2, 2)).Override(RiskColour.Yellow, "reason", Regulator, _clock.GetUtcNow()).Value;
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(RiskColour.Red, overridden.Record(Ls(5, 5), Officer, _clock.GetUtcNow()).Value.CurrentColour);
    }

    [Fact]
    public void DP_RISK_the_override_stands_until_the_regulator_withdraws_it()
    {
        var overridden = Assessed(Ls(2, 2)).Override(RiskColour.Orange, "reason", Regulator, _clock.GetUtcNow()).Value;
        _clock.Advance(TimeSpan.FromDays(1));
        var reassessed = overridden.Record(Ls(3, 3), Officer, _clock.GetUtcNow()).Value;
        Assert.Equal("override.not_regulator", Assert.Single(reassessed.Withdraw("整改完成", Officer, _clock.GetUtcNow()).Problems).Code);
        Assert.Equal("reason", Assert.Single(reassessed.Withdraw(" ", Regulator, _clock.GetUtcNow()).Problems).Field);
        var withdrawn = reassessed.Withdraw("整改完成，按企业评估", Regulator, _clock.GetUtcNow()).Value;
        Assert.Equal(RiskColour.Yellow, withdrawn.CurrentColour);
        Assert.Null(withdrawn.OverrideInForce);
        Assert.Equal("override.none_in_force", Assert.Single(withdrawn.Withdraw("again", Regulator, _clock.GetUtcNow()).Problems).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void DP_RISK_override_without_reason_is_refused(string? reason)
    {
        var history = Assessed(Ls(2, 2));
        var result = history.Override(RiskColour.Red, reason, Regulator, _clock.GetUtcNow());
        Assert.Equal("reason", Assert.Single(result.Problems).Field);
        Assert.Equal(RiskColour.Blue, history.CurrentColour);
    }

    [Fact]
    public void DP_RISK_override_by_someone_other_than_a_regulator_is_refused()
    {
        var result = Assessed(Ls(2, 2)).Override(RiskColour.Red, "reason", Officer, _clock.GetUtcNow());
        Assert.Equal("override.not_regulator", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void DP_RISK_override_before_any_assessment_is_refused()
    {
        var result = RiskHistory.Empty("rp-1").Override(RiskColour.Red, "reason", Regulator, _clock.GetUtcNow());
        Assert.Equal("override.nothing", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Entries_dated_before_the_last_one_are_refused()
    {
        var history = Assessed(Ls(2, 2));
        var result = history.Record(Ls(3, 3), Officer, _clock.GetUtcNow().AddDays(-2));
        Assert.Equal("history.out_of_order", Assert.Single(result.Problems).Code);
    }
}

namespace Vigil.Core.Tests.Plans;

/// <summary>SE-ACC and SE-EMG, both sides of every threshold of 附件 and 1.5.2.</summary>
public sealed class SpecialEquipmentGradingTests
{
    [Theory]
    // SE-ACC deaths: 1 ≤ IV < 3 ≤ III < 10 ≤ II < 30 ≤ I
    [InlineData("""{"deaths":0}""", "none")]
    [InlineData("""{"deaths":1}""", "IV")]
    [InlineData("""{"deaths":2}""", "IV")]
    [InlineData("""{"deaths":3}""", "III")]
    [InlineData("""{"deaths":9}""", "III")]
    [InlineData("""{"deaths":10}""", "II")]
    [InlineData("""{"deaths":29}""", "II")]
    [InlineData("""{"deaths":30}""", "I")]
    // SE-ACC serious injuries: 1 ≤ IV < 10 ≤ III < 50 ≤ II < 100 ≤ I
    [InlineData("""{"seriousInjuries":0}""", "none")]
    [InlineData("""{"seriousInjuries":1}""", "IV")]
    [InlineData("""{"seriousInjuries":9}""", "IV")]
    [InlineData("""{"seriousInjuries":10}""", "III")]
    [InlineData("""{"seriousInjuries":49}""", "III")]
    [InlineData("""{"seriousInjuries":50}""", "II")]
    [InlineData("""{"seriousInjuries":99}""", "II")]
    [InlineData("""{"seriousInjuries":100}""", "I")]
    // SE-ACC direct loss: 1万 ≤ IV < 1000万 ≤ III < 5000万 ≤ II < 1亿 ≤ I
    [InlineData("""{"directLossYuan":9999.99}""", "none")]
    [InlineData("""{"directLossYuan":10000}""", "IV")]
    [InlineData("""{"directLossYuan":9999999.99}""", "IV")]
    [InlineData("""{"directLossYuan":10000000}""", "III")]
    [InlineData("""{"directLossYuan":49999999.99}""", "III")]
    [InlineData("""{"directLossYuan":50000000}""", "II")]
    [InlineData("""{"directLossYuan":99999999.99}""", "II")]
    [InlineData("""{"directLossYuan":100000000}""", "I")]
    // SE-ACC I(2) / III(2): boiler explosion, 600 MW boundary; any boiler, vessel, cylinder or piping explosion is III
    [InlineData("""{"equipmentType":"boiler","boilerCapacityMW":600,"explosion":true}""", "I")]
    [InlineData("""{"equipmentType":"boiler","boilerCapacityMW":599.9,"explosion":true}""", "III")]
    [InlineData("""{"equipmentType":"boiler","boilerCapacityMW":600,"explosion":false}""", "none")]
    [InlineData("""{"equipmentType":"pressureVessel","explosion":true}""", "III")]
    [InlineData("""{"equipmentType":"gasCylinder","explosion":true}""", "III")]
    [InlineData("""{"equipmentType":"pressurePiping","explosion":true}""", "III")]
    [InlineData("""{"equipmentType":"elevator","explosion":true}""", "none")]
    // SE-ACC II(2): 600 MW boiler out of service ≥ 240 h
    [InlineData("""{"equipmentType":"boiler","boilerCapacityMW":600,"outageHours":240}""", "II")]
    [InlineData("""{"equipmentType":"boiler","boilerCapacityMW":600,"outageHours":239.9}""", "none")]
    [InlineData("""{"equipmentType":"boiler","boilerCapacityMW":599.9,"outageHours":240}""", "none")]
    // SE-ACC toxic leak relocation: 500 ≤ IV < 1万 ≤ III < 5万 ≤ II < 15万 ≤ I
    [InlineData("""{"equipmentType":"pressurePiping","toxicLeakRelocated":499}""", "none")]
    [InlineData("""{"equipmentType":"pressurePiping","toxicLeakRelocated":500}""", "IV")]
    [InlineData("""{"equipmentType":"pressureVessel","toxicLeakRelocated":9999}""", "IV")]
    [InlineData("""{"equipmentType":"pressureVessel","toxicLeakRelocated":10000}""", "III")]
    [InlineData("""{"equipmentType":"pressureVessel","toxicLeakRelocated":49999}""", "III")]
    [InlineData("""{"equipmentType":"pressureVessel","toxicLeakRelocated":50000}""", "II")]
    [InlineData("""{"equipmentType":"pressurePiping","toxicLeakRelocated":149999}""", "II")]
    [InlineData("""{"equipmentType":"pressurePiping","toxicLeakRelocated":150000}""", "I")]
    [InlineData("""{"equipmentType":"elevator","toxicLeakRelocated":150000}""", "none")]
    // SE-ACC ropeway / amusement device stranding
    [InlineData("""{"equipmentType":"ropeway","strandedPeople":100,"strandedHours":48}""", "I")]
    [InlineData("""{"equipmentType":"amusementDevice","strandedPeople":100,"strandedHours":47.9}""", "II")]
    [InlineData("""{"equipmentType":"ropeway","strandedPeople":99,"strandedHours":48}""", "III")]
    [InlineData("""{"equipmentType":"ropeway","strandedPeople":100,"strandedHours":24}""", "II")]
    [InlineData("""{"equipmentType":"ropeway","strandedPeople":100,"strandedHours":23.9}""", "III")]
    [InlineData("""{"equipmentType":"ropeway","strandedPeople":1,"strandedHours":12}""", "III")]
    [InlineData("""{"equipmentType":"ropeway","strandedPeople":1,"strandedHours":11.9}""", "IV")]
    [InlineData("""{"equipmentType":"ropeway","strandedPeople":1,"strandedHours":3.5}""", "IV")]
    [InlineData("""{"equipmentType":"ropeway","strandedPeople":1,"strandedHours":3.49}""", "none")]
    [InlineData("""{"equipmentType":"amusementDevice","strandedPeople":1,"strandedHours":12}""", "III")]
    [InlineData("""{"equipmentType":"amusementDevice","strandedPeople":1,"strandedHours":11.9}""", "IV")]
    [InlineData("""{"equipmentType":"amusementDevice","strandedPeople":1,"strandedHours":1}""", "IV")]
    [InlineData("""{"equipmentType":"amusementDevice","strandedPeople":1,"strandedHours":0.9}""", "none")]
    [InlineData("""{"equipmentType":"amusementDevice","strandedPeople":0,"strandedHours":5}""", "none")]
    // SE-ACC IV(3): elevator car strands people ≥ 2 h
    [InlineData("""{"equipmentType":"elevator","strandedPeople":4,"strandedHours":2}""", "IV")]
    [InlineData("""{"equipmentType":"elevator","strandedPeople":4,"strandedHours":1.99}""", "none")]
    [InlineData("""{"equipmentType":"elevator","strandedPeople":0,"strandedHours":3}""", "none")]
    [InlineData("""{"equipmentType":"liftingMachinery","strandedPeople":4,"strandedHours":3}""", "none")]
    // SE-ACC III(4) / IV(4): lifting machinery
    [InlineData("""{"equipmentType":"liftingMachinery","liftingOverturn":true}""", "III")]
    [InlineData("""{"equipmentType":"liftingMachinery","liftingOverturn":false,"liftingStructuralFailure":false}""", "none")]
    [InlineData("""{"equipmentType":"liftingMachinery","liftingStructuralFailure":true}""", "IV")]
    [InlineData("""{"equipmentType":"boiler","liftingOverturn":true}""", "none")]
    public void Accident_level_follows_the_annex(string json, string expected) =>
        Assert.Equal(expected, TestPlans.Grade(TestPlans.Shanghai, json).Primary.Level);

    [Fact]
    public void Elevator_holding_four_people_for_two_hours_is_level_IV_under_annex_IV_3()
    {
        var grade = TestPlans.Grade(TestPlans.Shanghai, """{"equipmentType":"elevator","strandedPeople":4,"strandedHours":2,"deaths":0,"seriousInjuries":0}""");
        var matched = Assert.Single(grade.Primary.Matched);
        Assert.Equal("IV", matched.Level);
        Assert.Equal("附件 IV级(3)", matched.Article);
        Assert.Equal("IV", grade.Event.Level);
    }

    [Fact]
    public void Highest_level_wins_and_every_matched_criterion_is_explained()
    {
        var grade = TestPlans.Grade(TestPlans.Shanghai, """{"equipmentType":"pressureVessel","explosion":true,"deaths":1,"directLossYuan":20000}""");
        Assert.Equal("III", grade.Primary.Level);
        Assert.Equal(["III", "IV", "IV"], grade.Primary.Matched.Select(m => m.Level));
        Assert.Contains(grade.Primary.Matched, m => m.Article == "附件 III级(2)");
    }

    [Fact]
    public void Unknown_inputs_that_could_raise_the_level_are_listed()
    {
        var grade = TestPlans.Grade(TestPlans.Shanghai, """{"equipmentType":"elevator","strandedPeople":4,"deaths":"正在核实中"}""");
        Assert.Equal("none", grade.Primary.Level);
        Assert.Contains("strandedHours", grade.Primary.UndeterminedInputs);
        Assert.Contains("deaths", grade.Primary.UndeterminedInputs);
        Assert.DoesNotContain("equipmentType", grade.Primary.UndeterminedInputs);
        Assert.DoesNotContain("toxicLeakRelocated", grade.Primary.UndeterminedInputs);
        Assert.Equal("I", grade.Primary.MaxPossibleLevel);
    }

    [Fact]
    public void Inputs_that_cannot_raise_the_level_any_more_are_not_listed()
    {
        var grade = TestPlans.Grade(TestPlans.Shanghai, """{"deaths":30}""");
        Assert.Equal("I", grade.Primary.Level);
        Assert.Empty(grade.Primary.UndeterminedInputs);
    }

    [Theory]
    // SE-EMG 1.5.2: the emergency level is the accident level, raised by social impact
    [InlineData("""{"deaths":1,"socialImpact":"none"}""", "IV")]
    [InlineData("""{"deaths":1,"socialImpact":"some"}""", "III")]
    [InlineData("""{"deaths":1,"socialImpact":"large"}""", "II")]
    [InlineData("""{"deaths":3,"socialImpact":"some"}""", "III")]
    [InlineData("""{"deaths":10,"socialImpact":"some"}""", "II")]
    [InlineData("""{"deaths":30,"socialImpact":"large"}""", "I")]
    [InlineData("""{"deaths":0,"socialImpact":"none"}""", "IV")]
    [InlineData("""{"equipmentType":"inPlantVehicle","socialImpact":"large"}""", "II")]
    public void Emergency_level_is_the_accident_level_raised_by_social_impact(string json, string expected) =>
        Assert.Equal(expected, TestPlans.Grade(TestPlans.Shanghai, json).Event.Level);

    [Fact]
    public void Unknown_social_impact_is_listed_as_able_to_raise_the_emergency_level()
    {
        var grade = TestPlans.Grade(TestPlans.Shanghai, """{"deaths":30,"seriousInjuries":0,"directLossYuan":0}""");
        Assert.Equal("I", grade.Event.Level);
        Assert.Empty(grade.Event.UndeterminedInputs);

        var lower = TestPlans.Grade(TestPlans.Shanghai, """{"deaths":1}""");
        Assert.Equal("IV", lower.Event.Level);
        Assert.Contains("socialImpact", lower.Event.UndeterminedInputs);
        Assert.Contains("seriousInjuries", lower.Event.UndeterminedInputs);
    }
}

namespace Vigil.Core.Tests.Plans;

/// <summary>GEO-LVL, both sides of every threshold, for threats (险情) and disasters (灾情).</summary>
public sealed class GeohazardGradingTests
{
    [Theory]
    [InlineData("""{"kind":"threat","relocatedPeople":0}""", "small")]
    [InlineData("""{"kind":"threat","relocatedPeople":99}""", "small")]
    [InlineData("""{"kind":"threat","relocatedPeople":100}""", "medium")]
    [InlineData("""{"kind":"threat","relocatedPeople":499}""", "medium")]
    [InlineData("""{"kind":"threat","relocatedPeople":500}""", "large")]
    [InlineData("""{"kind":"threat","hazardType":"landslide","relocatedPeople":600}""", "large")]
    [InlineData("""{"kind":"threat","relocatedPeople":999}""", "large")]
    [InlineData("""{"kind":"threat","relocatedPeople":1000}""", "extra-large")]
    [InlineData("""{"kind":"threat","potentialLossYuan":4999999.99}""", "small")]
    [InlineData("""{"kind":"threat","potentialLossYuan":5000000}""", "medium")]
    [InlineData("""{"kind":"threat","potentialLossYuan":49999999.99}""", "medium")]
    [InlineData("""{"kind":"threat","potentialLossYuan":50000000}""", "large")]
    [InlineData("""{"kind":"threat","potentialLossYuan":99999999.99}""", "large")]
    [InlineData("""{"kind":"threat","potentialLossYuan":100000000}""", "extra-large")]
    [InlineData("""{"kind":"threat","relocatedPeople":50,"potentialLossYuan":100000000}""", "extra-large")]
    [InlineData("""{"kind":"disaster","deaths":0}""", "small")]
    [InlineData("""{"kind":"disaster","deaths":2,"directLossYuan":800000}""", "small")]
    [InlineData("""{"kind":"disaster","deaths":3}""", "medium")]
    [InlineData("""{"kind":"disaster","deaths":9}""", "medium")]
    [InlineData("""{"kind":"disaster","deaths":10}""", "large")]
    [InlineData("""{"kind":"disaster","deaths":29}""", "large")]
    [InlineData("""{"kind":"disaster","deaths":30}""", "extra-large")]
    [InlineData("""{"kind":"disaster","directLossYuan":999999.99}""", "small")]
    [InlineData("""{"kind":"disaster","directLossYuan":1000000}""", "medium")]
    [InlineData("""{"kind":"disaster","directLossYuan":4999999.99}""", "medium")]
    [InlineData("""{"kind":"disaster","directLossYuan":5000000}""", "large")]
    [InlineData("""{"kind":"disaster","directLossYuan":9999999.99}""", "large")]
    [InlineData("""{"kind":"disaster","directLossYuan":10000000}""", "extra-large")]
    [InlineData("""{"kind":"disaster","relocatedPeople":5000}""", "none")]
    [InlineData("""{"kind":"threat","deaths":50}""", "none")]
    [InlineData("""{"kind":"disaster","missing":40}""", "none")]
    public void Hazard_level_follows_the_plan(string json, string expected) =>
        Assert.Equal(expected, TestPlans.Grade(TestPlans.Wuda, json).Primary.Level);

    [Fact]
    public void Without_the_kind_both_tables_grade_the_higher_wins_and_kind_is_undetermined()
    {
        var grade = TestPlans.Grade(TestPlans.Wuda, """{"relocatedPeople":5000}""");
        Assert.Equal("extra-large", grade.Primary.Level);
        Assert.Equal("kind", grade.Primary.TableUndetermined);
        Assert.Contains(grade.Primary.Matched, m => m.Article.EndsWith("特大型险情", StringComparison.Ordinal));
    }

    /// <summary>GEO-LVL with the kind undetermined: each threshold of either table still grades on both of its sides.</summary>
    [Theory]
    [InlineData("""{"relocatedPeople":1000}""", "extra-large")]
    [InlineData("""{"relocatedPeople":999}""", "large")]
    [InlineData("""{"relocatedPeople":500}""", "large")]
    [InlineData("""{"relocatedPeople":499}""", "medium")]
    [InlineData("""{"relocatedPeople":100}""", "medium")]
    [InlineData("""{"relocatedPeople":99}""", "small")]
    [InlineData("""{"potentialLossYuan":100000000}""", "extra-large")]
    [InlineData("""{"potentialLossYuan":99999999.99}""", "large")]
    [InlineData("""{"deaths":30}""", "extra-large")]
    [InlineData("""{"deaths":29}""", "large")]
    [InlineData("""{"deaths":10}""", "large")]
    [InlineData("""{"deaths":9}""", "medium")]
    [InlineData("""{"deaths":3}""", "medium")]
    [InlineData("""{"deaths":2}""", "small")]
    [InlineData("""{"directLossYuan":10000000}""", "extra-large")]
    [InlineData("""{"directLossYuan":9999999.99}""", "large")]
    public void Without_the_kind_every_threshold_of_both_tables_grades_on_both_sides(string json, string expected)
    {
        var grade = TestPlans.Grade(TestPlans.Wuda, json);
        Assert.Equal(expected, grade.Primary.Level);
        Assert.Equal("kind", grade.Primary.TableUndetermined);
    }

    [Fact]
    public void Without_the_kind_a_lower_threat_can_still_be_raised_by_the_disaster_table()
    {
        var grade = TestPlans.Grade(TestPlans.Wuda, """{"relocatedPeople":600, "potentialLossYuan": 0}""");
        Assert.Equal("large", grade.Primary.Level);
        Assert.Equal("extra-large", grade.Primary.MaxPossibleLevel);
        Assert.Contains(grade.Primary.CouldRaise, c => c.Level == "extra-large" && c.Inputs.SequenceEqual(["kind", "deaths"]));
        Assert.Contains("kind", grade.Primary.UndeterminedInputs);
    }

    [Fact]
    public void With_the_kind_known_only_its_table_grades()
    {
        var grade = TestPlans.Grade(TestPlans.Wuda, """{"kind": "disaster", "relocatedPeople": 5000, "deaths": 0, "directLossYuan": 0}""");
        Assert.Equal("small", grade.Primary.Level);
        Assert.Null(grade.Primary.TableUndetermined);
        Assert.Equal("small", grade.Primary.MaxPossibleLevel);
    }

    [Theory]
    [InlineData(5, 25, "extra-large")]
    [InlineData(5, 24, "large")]
    public void Missing_persons_do_not_grade_but_are_listed_among_what_could_raise_deaths(int deaths, int missing, string possible)
    {
        var grade = TestPlans.Grade(TestPlans.Wuda, $$"""{"kind": "disaster", "deaths": {{deaths}}, "missing": {{missing}}, "directLossYuan": 0}""");
        Assert.Equal("medium", grade.Primary.Level);
        Assert.Equal(possible, grade.Primary.MaxPossibleLevel);
        Assert.Contains("missing", grade.Primary.UndeterminedInputs);
    }
}

using Vigil.Security.Access;

namespace Vigil.Core.Tests.Security;

public sealed class JurisdictionTests
{
    [Theory]
    [InlineData("310000", "310104", true)]
    [InlineData("310000", "310112001", true)]
    [InlineData("310000", "320104", false)]
    [InlineData("310100", "310104", true)]
    [InlineData("310100", "310200", false)]
    [InlineData("310104", "310104", true)]
    [InlineData("310104", "310104001", true)]
    [InlineData("310104", "310104001002", true)]
    [InlineData("310104", "310105", false)]
    [InlineData("310104", "310112", false)]
    [InlineData("310104001", "310104001002", true)]
    [InlineData("310104001", "310104002", false)]
    [InlineData("310104001000", "310104001002", true)]
    [InlineData("000000", "150304", true)]
    [InlineData("150304", "310104", false)]
    public void A_division_covers_exactly_its_subtree(string scope, string code, bool covered) =>
        Assert.Equal(covered, Jurisdiction.Covers(scope, code));

    [Theory]
    [InlineData("310000", "31")]
    [InlineData("310100", "3101")]
    [InlineData("310104", "310104")]
    [InlineData("310104000", "310104")]
    [InlineData("310104001000", "310104001")]
    [InlineData("000000", "")]
    public void Prefix_drops_trailing_zero_levels(string scope, string prefix) =>
        Assert.Equal(prefix, Jurisdiction.Prefix(scope));

    [Theory]
    [InlineData("Xuhui")]
    [InlineData("31010")]
    [InlineData("3101040")]
    [InlineData("")]
    public void A_scope_that_is_not_a_division_code_covers_nothing(string scope) =>
        Assert.False(Jurisdiction.Covers(scope, "310104"));
}

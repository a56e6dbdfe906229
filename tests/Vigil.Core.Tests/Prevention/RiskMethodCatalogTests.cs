using Vigil.Core.Tests.Common;
using Vigil.Prevention;

namespace Vigil.Core.Tests.Prevention;

/// <summary>DP-RISK: bands are configuration, validated at load with problems that name the file and field.</summary>
public sealed class RiskMethodCatalogTests
{
    private const string Valid = """
        { "methods": [ { "id": "m", "formula": "product",
            "factors": [ { "name": "a", "values": [1, 2] } ],
            "variants": [ { "variant": "1", "bands": [ { "colour": "red", "atLeast": 2 }, { "colour": "blue" } ] } ] } ] }
        """;

    private static IReadOnlyList<string> FieldsOf(string json) =>
        [.. RiskMethodCatalog.Load(json, "local.json").Problems.Select(p => p.Field)];

    [Fact]
    public void Built_in_document_loads_LEC_and_both_LS_variants_with_variant_1_as_default()
    {
        var catalog = RiskMethodCatalog.Default;
        Assert.Equal(["lec", "ls"], catalog.Methods.Select(m => m.Id));
        Assert.Equal(["1", "2"], catalog.Find("ls").Value.Variants);
    }

    [Fact]
    public void A_well_formed_local_document_loads()
    {
        var method = RiskMethodCatalog.Load(Valid, "local.json").Value.Find("m").Value;
        Assert.Equal(RiskColour.Red, method.Assess(new Dictionary<string, decimal> { ["a"] = 2 }).Value.Colour);
        Assert.Equal(RiskColour.Blue, method.Assess(new Dictionary<string, decimal> { ["a"] = 1 }).Value.Colour);
    }

    [Fact]
    public void Syntax_error_names_the_file_and_line()
    {
        var problem = Assert.Single(RiskMethodCatalog.Load("{\n \"methods\": [ ,\n", "local.json").Problems);
        Assert.Equal("local.json:2", problem.Field);
        Assert.Equal("config.syntax", problem.Code);
    }

    [Fact]
    public void A_misspelt_key_is_refused_with_its_line_and_path()
    {
        var problem = Assert.Single(RiskMethodCatalog.Load(Valid.Replace("\"atLeast\"", "\"atleast\"", StringComparison.Ordinal), "local.json").Problems);
        Assert.Equal("local.json:3", problem.Field);
        Assert.Contains("atleast", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"formula\": \"product\"", "\"formula\": \"sum\"", "local.json: methods[0].formula")]
    [InlineData("\"values\": [1, 2]", "\"values\": [1, 0]", "local.json: methods[0].factors[0].values[1]")]
    [InlineData("\"values\": [1, 2]", "\"values\": [2, 2]", "local.json: methods[0].factors[0].values[1]")]
    [InlineData("\"colour\": \"red\"", "\"colour\": \"purple\"", "local.json: methods[0].variants[0].bands[0].colour")]
    [InlineData("{ \"colour\": \"blue\" }", "{ \"colour\": \"blue\", \"atLeast\": 1 }", "local.json: methods[0].variants[0].bands[1]")]
    [InlineData("\"atLeast\": 2 }", "\"atLeast\": 2, \"above\": 1 }", "local.json: methods[0].variants[0].bands[0]")]
    [InlineData("\"id\": \"m\",", "\"id\": \"\",", "local.json: methods[0].id")]
    [InlineData("\"variant\": \"1\",", "", "local.json: methods[0].variants[0].variant")]
    public void Each_invalid_field_is_named(string original, string replacement, string field) =>
        Assert.Equal([field], FieldsOf(Valid.Replace(original, replacement, StringComparison.Ordinal)));

    [Fact]
    public void Bands_must_descend_in_colour_and_bound()
    {
        var upside = Valid.Replace(
            "{ \"colour\": \"red\", \"atLeast\": 2 }, { \"colour\": \"blue\" }",
            "{ \"colour\": \"yellow\", \"atLeast\": 2 }, { \"colour\": \"orange\", \"atLeast\": 1 }, { \"colour\": \"blue\" }",
            StringComparison.Ordinal);
        Assert.Equal(["local.json: methods[0].variants[0].bands[1]"], FieldsOf(upside));

        var overlapping = Valid.Replace(
            "{ \"colour\": \"red\", \"atLeast\": 2 }, { \"colour\": \"blue\" }",
            "{ \"colour\": \"red\", \"atLeast\": 2 }, { \"colour\": \"orange\", \"atLeast\": 2 }, { \"colour\": \"blue\" }",
            StringComparison.Ordinal);
        Assert.Equal(["local.json: methods[0].variants[0].bands[1]"], FieldsOf(overlapping));

        // "above 2" then "at least 2" leaves exactly the score 2 to the lower band: a legal, if narrow, band.
        var touching = Valid.Replace(
            "{ \"colour\": \"red\", \"atLeast\": 2 }, { \"colour\": \"blue\" }",
            "{ \"colour\": \"red\", \"above\": 2 }, { \"colour\": \"orange\", \"atLeast\": 2 }, { \"colour\": \"blue\" }",
            StringComparison.Ordinal);
        Assert.Empty(FieldsOf(touching));
    }

    [Fact]
    public void Missing_methods_are_required()
    {
        Assert.Equal(["local.json: methods"], FieldsOf("{}"));
        Assert.Equal(["local.json: methods"], FieldsOf("null"));
    }

    [Fact]
    public void Duplicate_method_ids_are_refused()
    {
        var methodJson = Valid[(Valid.IndexOf('[', StringComparison.Ordinal) + 1)..Valid.LastIndexOf(']')];
        var json = "{ \"methods\": [" + methodJson + "," + methodJson + "] }";
        Assert.Equal(["local.json: methods[1].id"], FieldsOf(json));
    }

    [Fact]
    public void Problems_are_in_Chinese_under_a_Chinese_UI_culture()
    {
        using var scope = new CultureScope("zh-CN");
        var problem = RiskMethodCatalog.Load("{}", "local.json").Problems[0];
        Assert.Contains("必填", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_are_in_English_under_an_English_UI_culture()
    {
        using var scope = new CultureScope("en-US");
        var problem = RiskMethodCatalog.Load("{}", "local.json").Problems[0];
        Assert.Contains("is required", problem.Message, StringComparison.Ordinal);
    }
}

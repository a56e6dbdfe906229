using System.Text.Json.Nodes;

namespace Vigil.Tests.Cli;

/// <summary>The <c>vigil grade</c> contract: one JSON object and exit 0, or one line naming the field and exit 2.</summary>
public sealed class GradeCommandTests
{
    private const string Shanghai = "shanghai-special-equipment-2025";

    [Fact]
    public async Task Elevator_case_prints_the_contract_fields()
    {
        var (code, output, error) = await VigilProcess.RunAsync(
            """{"equipmentType":"elevator","strandedPeople":4,"strandedHours":2,"deaths":"正在核实中"}""", "zh_CN.UTF-8", "grade", "--plan", Shanghai, "-");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(Shanghai, json["plan"]!.GetValue<string>());
        Assert.Equal("2025.1", json["planVersion"]!.GetValue<string>());
        Assert.Equal("IV", json["level"]!.GetValue<string>());
        Assert.Equal("IV", json["emergencyLevel"]!.GetValue<string>());
        var matched = Assert.Single(json["matched"]!.AsArray())!;
        Assert.Equal("附件 IV级(3)", matched["article"]!.GetValue<string>());
        Assert.Equal("电梯轿厢滞留人员2小时以上", matched["criterion"]!.GetValue<string>());
        Assert.Contains("deaths", json["undetermined"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Single(output.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("""{"relocatedPeople":5000}""", "extra-large", "kind")]
    [InlineData("""{"kind":"disaster","relocatedPeople":5000,"deaths":0,"directLossYuan":0}""", "small", null)]
    public async Task Wuda_case_without_the_kind_grades_under_both_tables_and_says_the_kind_is_undetermined(string facts, string level, string? undetermined)
    {
        var (code, output, error) = await VigilProcess.RunAsync(facts, "zh_CN.UTF-8", "grade", "--plan", "wuda-geohazard", "-");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(level, json["level"]!.GetValue<string>());
        Assert.Equal(undetermined, json["tableUndetermined"]?.GetValue<string>());
    }

    [Fact]
    public async Task Case_file_is_read_from_a_path()
    {
        var file = Path.Combine(Path.GetTempPath(), $"case-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"kind":"threat","hazardType":"landslide","relocatedPeople":600}""");
        try
        {
            var (code, output, _) = await VigilProcess.RunAsync(null, "en_US.UTF-8", "grade", "--plan", "wuda-geohazard", file);
            Assert.Equal(0, code);
            Assert.Equal("large", JsonNode.Parse(output)!["level"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("""{"deaths":-1}""", "deaths")]
    [InlineData("""{"equipmentType":"tank"}""", "equipmentType")]
    [InlineData("""{"deaths":"three"}""", "deaths")]
    [InlineData("""{"deaths":1,}""", "<stdin>")]
    [InlineData("""[1,2]""", "$")]
    public async Task Bad_case_prints_one_line_naming_the_field_and_exits_2(string input, string field)
    {
        var (code, output, error) = await VigilProcess.RunAsync(input, "en_US.UTF-8", "grade", "--plan", Shanghai, "-");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(field, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_in_Chinese_by_default()
    {
        var (code, _, error) = await VigilProcess.RunAsync("""{"deaths":-1}""", "C", "grade", "--plan", Shanghai, "-");
        Assert.Equal(2, code);
        Assert.Contains("不能小于", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_plan_exits_2_and_lists_the_plans()
    {
        var (code, _, error) = await VigilProcess.RunAsync("{}", "en_US.UTF-8", "grade", "--plan", "beijing", "-");
        Assert.Equal(2, code);
        Assert.Contains("wuda-geohazard", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plans_validate_names_file_line_and_reason_of_a_broken_plan()
    {
        var directory = Directory.CreateTempSubdirectory("vigil-plans-");
        try
        {
            var broken = Path.Combine(directory.FullName, "broken.json");
            await File.WriteAllTextAsync(broken, "{\n  \"id\": \"b\",\n  \"version\": \"1\",\n  \"gradings\": []\n}\n");
            var (code, _, error) = await VigilProcess.RunAsync(null, "en_US.UTF-8", "plans", "validate", broken);
            Assert.Equal(1, code);
            Assert.Contains($"{broken}:4:", error, StringComparison.Ordinal);

            var (ok, output, _) = await VigilProcess.RunAsync(null, "en_US.UTF-8", "plans", "validate");
            Assert.Equal(0, ok);
            Assert.Contains("shanghai-special-equipment-2025", output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

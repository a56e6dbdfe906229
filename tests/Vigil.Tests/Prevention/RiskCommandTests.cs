using System.Globalization;
using System.Text.Json;
using Vigil.Host.Cli;

namespace Vigil.Tests.Prevention;

/// <summary>Console output is process-wide, so tests that capture it never run beside other tests.</summary>
[CollectionDefinition(nameof(ConsoleCapture), DisableParallelization = true)]
public sealed class ConsoleCapture;

/// <summary>`vigil risk assess` (DP-RISK) run in-process.</summary>
[Collection(nameof(ConsoleCapture))]
public sealed class RiskCommandTests
{
    private static (int Exit, string Out, string Error) Run(string uiCulture, params string[] args)
    {
        var (previousOut, previousError, previousUi) = (Console.Out, Console.Error, CultureInfo.CurrentUICulture);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(uiCulture);
        try
        {
            var exit = VigilCli.Run(args);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
            CultureInfo.CurrentUICulture = previousUi;
        }
    }

    [Theory]
    [InlineData(new[] { "--method", "lec", "--l", "3", "--e", "6", "--c", "7" }, "lec", 126, "yellow")]
    [InlineData(new[] { "--method", "lec", "--l", "1", "--e", "10", "--c", "7" }, "lec", 70, "yellow")]
    [InlineData(new[] { "--method", "lec", "--l", "3", "--e", "3", "--c", "7" }, "lec", 63, "blue")]
    [InlineData(new[] { "--method", "lec", "--l", "0.5", "--e", "6", "--c", "100" }, "lec", 300, "orange")]
    [InlineData(new[] { "--method", "lec", "--l", "10", "--e", "10", "--c", "40" }, "lec", 4000, "red")]
    [InlineData(new[] { "--method", "ls", "--l", "4", "--s", "5" }, "ls", 20, "red")]
    [InlineData(new[] { "--method", "ls", "--l", "2", "--s", "5" }, "ls", 10, "yellow")]
    [InlineData(new[] { "--method", "ls", "--l", "2", "--s", "5", "--variant", "2" }, "ls", 10, "orange")]
    public void DP_RISK_assess_prints_method_score_and_colour_as_JSON(string[] options, string method, decimal score, string colour)
    {
        var (exit, output, error) = Run("zh-CN", ["risk", "assess", .. options]);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(method, json.RootElement.GetProperty("method").GetString());
        Assert.Equal(score, json.RootElement.GetProperty("score").GetDecimal());
        Assert.Equal(colour, json.RootElement.GetProperty("colour").GetString());
        Assert.Equal(3, json.RootElement.EnumerateObject().Count());
    }

    [Theory]
    [InlineData(new[] { "--method", "lec", "--l", "4", "--e", "6", "--c", "7" }, "--l")]
    [InlineData(new[] { "--method", "lec", "--l", "3", "--e", "6", "--c", "8" }, "--c")]
    [InlineData(new[] { "--method", "lec", "--l", "3", "--c", "7" }, "--e")]
    [InlineData(new[] { "--method", "ls", "--l", "3", "--s", "6" }, "--s")]
    [InlineData(new[] { "--method", "ls", "--l", "x", "--s", "2" }, "--l")]
    [InlineData(new[] { "--method", "ls", "--l", "3", "--s", "2", "--variant", "9" }, "--variant")]
    [InlineData(new[] { "--method", "hazop", "--l", "3" }, "--method")]
    [InlineData(new[] { "--l", "3" }, "--method")]
    [InlineData(new[] { "--method", "lec", "--l", "--e", "6", "--c", "7" }, "--l")]
    [InlineData(new[] { "--method", "--l", "3" }, "--method")]
    [InlineData(new[] { "--method", "ls", "--l", "3", "--s", "2", "--variant" }, "--variant")]
    public void Bad_value_prints_one_Chinese_line_naming_the_option_and_exits_2(string[] options, string option)
    {
        var (exit, output, error) = Run("zh-CN", ["risk", "assess", .. options]);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", line);
    }

    [Fact]
    public void Chinese_is_the_default_when_the_UI_culture_is_neither_Chinese_nor_English()
    {
        var (exit, _, error) = Run("fr-FR", "risk", "assess", "--method", "ls", "--l", "3", "--s", "9");
        Assert.Equal(2, exit);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error);
    }

    [Fact]
    public void Bad_value_message_is_English_when_the_UI_culture_is_English()
    {
        var (exit, _, error) = Run("en-US", "risk", "assess", "--method", "ls", "--l", "3", "--s", "9");

        Assert.Equal(2, exit);
        Assert.Equal("--s must be one of 1, 2, 3, 4, 5; got 9.", error.Trim());
    }
}

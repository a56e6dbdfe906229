using Vigil.Host.Cli;

namespace Vigil.Tests.Security;

/// <summary>Swaps the process-wide Console writers, so it runs alone.</summary>
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

[Collection(nameof(ConsoleCollection))]
public sealed class MacCommandConsoleTests
{
    [Fact]
    public void Vigil_mac_is_registered_and_writes_to_the_console()
    {
        var (exit, output, error) = Run("mac", "--algorithm", "aes", "--key", "2B7E151628AED2A6ABF7158809CF4F3C", "00");
        Assert.Equal(0, exit);
        Assert.Equal("8915A6C7" + Environment.NewLine, output);
        Assert.Empty(error);
    }

    [Fact]
    public void Vigil_mac_bad_input_goes_to_stderr_with_exit_code_2()
    {
        using var scope = new UiCultureScope("en-US");
        var (exit, output, error) = Run("mac", "--algorithm", "aes", "--key", "XYZ", "00");
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Equal("--key: not valid hexadecimal (an even number of digits 0-9, A-F)." + Environment.NewLine, error);
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var previousOut = Console.Out;
        var previousError = Console.Error;
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = VigilCli.Run(args);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }
}

using System.CommandLine;

namespace Vigil.Host.Cli;

/// <summary>The <c>--data</c> directory option of commands that work on the database.</summary>
internal static class DataOption
{
    public static Option<string?> Create() => new("--data") { Description = "Data directory (default ./data, or Vigil__DataDirectory) / 数据目录" };
}

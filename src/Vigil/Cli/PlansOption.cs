using System.CommandLine;
using Vigil.Host.Plans;

namespace Vigil.Host.Cli;

/// <summary>The <c>--plans</c> directory option shared by commands that read plan files.</summary>
internal static class PlansOption
{
    public static Option<string> Create() => new("--plans")
    {
        Description = "Directory of plan files / 预案目录",
        DefaultValueFactory = _ => PlanCatalog.DefaultDirectory,
    };
}

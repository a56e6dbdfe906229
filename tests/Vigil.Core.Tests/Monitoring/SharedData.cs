namespace Vigil.Core.Tests.Monitoring;

/// <summary>Finds ../shared beside the repository: walk up from the test assembly to the folder holding Vigil.slnx.</summary>
internal static class SharedData
{
    public static string Path(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Vigil.slnx")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return System.IO.Path.Combine([dir.FullName, "..", "shared", "data", .. parts]);
    }
}

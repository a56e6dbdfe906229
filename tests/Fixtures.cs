namespace Vigil.Testing;

/// <summary>
/// Finds <c>tests/fixtures</c> of this repository: walk up from the test assembly to the folder holding Vigil.slnx.
/// Tests never read outside the repository, so a clone with nothing beside it passes.
/// </summary>
internal static class Fixtures
{
    public static string Path(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Vigil.slnx")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new DirectoryNotFoundException("Vigil.slnx not found above " + AppContext.BaseDirectory);
        }

        return System.IO.Path.Combine([dir.FullName, "tests", "fixtures", .. parts]);
    }
}

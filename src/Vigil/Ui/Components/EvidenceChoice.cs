using Microsoft.AspNetCore.Components.Forms;
using Vigil.Common;
using Vigil.Host.Prevention;

namespace Vigil.Host.Ui.Components;

/// <summary>
/// Evidence files chosen in a form (DP-HAZ), checked as POST /api/evidence checks them (<see cref="EvidenceUpload"/>:
/// at most five, none empty or over 5 MB, the type read from the file's first bytes). Nothing is stored until the
/// form is sent.
/// </summary>
internal sealed class EvidenceChoice(string field)
{
    /// <summary>The field's name in the request body (<c>evidence</c>), which the problems name.</summary>
    public string Field { get; } = field;

    public IReadOnlyList<UploadedFile> Files { get; private set; } = [];

    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    /// <summary>Reads the chosen files, keeping those that pass and a problem for each that does not.</summary>
    public async Task PickAsync(InputFileChangeEventArgs e)
    {
        if (EvidenceUpload.TooMany(Field, e.FileCount) is { } tooMany)
        {
            (Files, Problems) = ([], [tooMany]);
            return;
        }

        var files = new List<UploadedFile>();
        var problems = new List<Problem>();
        foreach (var (browserFile, i) in e.GetMultipleFiles(EvidenceUpload.MaxFiles).Select((f, i) => (f, i)))
        {
            var name = $"{Field}[{i}]";
            if (EvidenceUpload.Size(name, browserFile.Size) is { } size)
            {
                problems.Add(size);
                continue;
            }

            using var buffer = new MemoryStream();
            await using (var stream = browserFile.OpenReadStream(EvidenceUpload.MaxFileBytes))
            {
                await stream.CopyToAsync(buffer);
            }

            var (file, refused) = EvidenceUpload.Typed(name, buffer.ToArray(), browserFile.Name, imagesOnly: false);
            if (file is null)
            {
                problems.Add(refused!);
            }
            else
            {
                files.Add(file);
            }
        }

        (Files, Problems) = (files, problems);
    }
}

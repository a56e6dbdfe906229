using Vigil.Common;
using Vigil.Data.Prevention;

namespace Vigil.Host.Prevention;

/// <summary>One uploaded file, checked.</summary>
internal sealed record UploadedFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// Photos and documents sent as multipart/form-data (DP-HAZ evidence). The type is decided by the file's first bytes,
/// never by what the client claims, and only the listed types are kept.
/// </summary>
internal static class EvidenceUpload
{
    public const int MaxFiles = 5;

    public const int MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>The request limit of an upload endpoint: the files and room for the other fields.</summary>
    public const long MaxRequestBytes = (MaxFiles * (long)MaxFileBytes) + (256 * 1024);

    private static readonly (string Type, byte[] Magic, int Offset)[] Signatures =
    [
        ("image/jpeg", [0xFF, 0xD8, 0xFF], 0),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0),
        ("image/webp", "WEBP"u8.ToArray(), 8),
        ("application/pdf", "%PDF-"u8.ToArray(), 0),
    ];

    /// <summary>The form of a multipart request, or a problem naming what is wrong with it.</summary>
    public static async Task<(IFormCollection? Form, Problem? Problem)> ReadFormAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return (null, PreventionText.Problem("body", "upload.notForm"));
        }

        try
        {
            return (await request.ReadFormAsync(request.HttpContext.RequestAborted), null);
        }
        catch (InvalidDataException)
        {
            return (null, PreventionText.Problem("body", "upload.notForm"));
        }
    }

    /// <summary>The files of field <paramref name="field"/>, each checked for size and type.</summary>
    public static async Task<(IReadOnlyList<UploadedFile> Files, IReadOnlyList<Problem> Problems)> FilesAsync(IFormCollection form, string field, bool imagesOnly)
    {
        var problems = new List<Problem>();
        var files = form.Files.GetFiles(field);
        if (form.Files.Count > files.Count)
        {
            problems.Add(PreventionText.Problem(form.Files.First(f => f.Name != field).Name, "upload.unknownField", field));
        }

        if (files.Count > MaxFiles)
        {
            problems.Add(PreventionText.Problem(field, "upload.tooMany", MaxFiles));
            return ([], problems);
        }

        var kept = new List<UploadedFile>();
        for (var i = 0; i < files.Count; i++)
        {
            var name = $"{field}[{i}]";
            if (files[i].Length is 0 or > MaxFileBytes)
            {
                problems.Add(PreventionText.Problem(name, "upload.size", MaxFileBytes / (1024 * 1024)));
                continue;
            }

            using var buffer = new MemoryStream();
            await files[i].CopyToAsync(buffer);
            var content = buffer.ToArray();
            var type = TypeOf(content);
            if (type is null || (imagesOnly && !type.StartsWith("image/", StringComparison.Ordinal)))
            {
                problems.Add(PreventionText.Problem(name, imagesOnly ? "upload.imageType" : "upload.type"));
                continue;
            }

            kept.Add(new UploadedFile(content, type, Path.GetFileName(files[i].FileName)));
        }

        return (kept, problems);
    }

    /// <summary>Stores the files (content-addressed) and returns their metadata rows.</summary>
    public static async Task<IReadOnlyList<EvidenceFileRecord>> KeepAsync(EvidenceStore store, IEnumerable<UploadedFile> files, string by, DateTimeOffset at)
    {
        var kept = new List<EvidenceFileRecord>();
        foreach (var file in files)
        {
            kept.Add(await store.KeepAsync(file.Content, file.ContentType, file.FileName, by, at));
        }

        return kept;
    }

    private static string? TypeOf(byte[] content) =>
        Signatures.FirstOrDefault(s => content.Length >= s.Offset + s.Magic.Length && content.AsSpan(s.Offset, s.Magic.Length).SequenceEqual(s.Magic)).Type;
}

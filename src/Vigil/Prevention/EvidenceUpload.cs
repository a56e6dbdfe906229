using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Prevention;
using Vigil.Host.Security;

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

        if (TooMany(field, files.Count) is { } tooMany)
        {
            problems.Add(tooMany);
            return ([], problems);
        }

        var kept = new List<UploadedFile>();
        for (var i = 0; i < files.Count; i++)
        {
            var name = $"{field}[{i}]";
            if (Size(name, files[i].Length) is { } size)
            {
                problems.Add(size);
                continue;
            }

            using var buffer = new MemoryStream();
            await files[i].CopyToAsync(buffer);
            var (file, refused) = Typed(name, buffer.ToArray(), files[i].FileName, imagesOnly);
            if (file is null)
            {
                problems.Add(refused!);
                continue;
            }

            kept.Add(file);
        }

        return (kept, problems);
    }

    /// <summary>More than <see cref="MaxFiles"/> files in one field.</summary>
    public static Problem? TooMany(string field, int count) => count > MaxFiles ? PreventionText.Problem(field, "upload.tooMany", MaxFiles) : null;

    /// <summary>An empty file, or one larger than <see cref="MaxFileBytes"/> (checked before its content is read).</summary>
    public static Problem? Size(string name, long length) =>
        length is 0 or > MaxFileBytes ? PreventionText.Problem(name, "upload.size", MaxFileBytes / (1024 * 1024)) : null;

    /// <summary>The file with the type its first bytes show, or a problem when the type is not one of the listed ones.</summary>
    public static (UploadedFile? File, Problem? Problem) Typed(string name, byte[] content, string fileName, bool imagesOnly)
    {
        var type = TypeOf(content);
        return type is null || (imagesOnly && !type.StartsWith("image/", StringComparison.Ordinal))
            ? (null, PreventionText.Problem(name, imagesOnly ? "upload.imageType" : "upload.type"))
            : (new UploadedFile(content, type, Path.GetFileName(fileName)), null);
    }

    /// <summary>
    /// A signed-in upload (POST /api/evidence and the web UI's step forms): the files stored content-addressed with
    /// the audit entry "evidence.upload" under the user's first prevention role, in one save.
    /// </summary>
    public static async Task<IReadOnlyList<EvidenceFileRecord>> UploadAsync(Access access, IReadOnlyList<UploadedFile> files, EvidenceStore store, VigilDbContext db, DateTimeOffset now)
    {
        var kept = await KeepAsync(store, files, access.User.Id, now);
        var role = access.FirstRole(PreventionRoles.All);
        var division = access.Assignments.First(a => a.RoleId == role).DivisionCode;
        db.Audit(access.Audit(role, "evidence.upload", "Evidence", string.Join(' ', kept.Select(k => k.Sha256)), division), now);
        await db.SaveChangesAsync();
        return kept;
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

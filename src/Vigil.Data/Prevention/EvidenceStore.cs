using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Vigil.Data.Prevention;

/// <summary>
/// Evidence files, content-addressed (DP-HAZ "every step keeps … evidence (photos/files); nothing is deleted"): a file is
/// kept under <c>{data}/evidence/{first two hex digits}/{sha256}</c>, written once through a temporary file and a move
/// that never replaces, so the same bytes twice are one file and a stored file is never overwritten. The metadata row
/// is added to the context and saved by the caller, with the change that cites it and its audit entry.
/// </summary>
public sealed class EvidenceStore(VigilDbContext db, string dataDirectory)
{
    public string Root { get; } = Path.Combine(dataDirectory, "evidence");

    public string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256);

    /// <summary>
    /// Keeps <paramref name="content"/> and returns its metadata: the existing row when the same content was stored
    /// before (the first uploader's name and type stay), else a new row added to the context.
    /// </summary>
    public async Task<EvidenceFileRecord> KeepAsync(byte[] content, string contentType, string fileName, string storedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var path = PathOf(sha);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another upload of the same bytes won the race: its file is ours too.
                File.Delete(temporary);
            }
        }

        var existing = db.EvidenceFiles.Local.FirstOrDefault(e => e.Sha256 == sha)
            ?? await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(e => e.Sha256 == sha, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var record = new EvidenceFileRecord
        {
            Sha256 = sha,
            Size = content.LongLength,
            ContentType = contentType,
            FileName = fileName.Length > 200 ? fileName[..200] : fileName,
            StoredAt = at,
            StoredBy = storedBy,
        };
        db.EvidenceFiles.Add(record);
        return record;
    }

    /// <summary>The hashes of <paramref name="sha256s"/> that are not stored.</summary>
    public async Task<IReadOnlyList<string>> MissingAsync(IReadOnlyCollection<string> sha256s, CancellationToken cancellationToken = default)
    {
        var known = await db.EvidenceFiles.AsNoTracking().Where(e => sha256s.Contains(e.Sha256)).Select(e => e.Sha256).ToListAsync(cancellationToken);
        return [.. sha256s.Except(known, StringComparer.Ordinal)];
    }

    public Task<EvidenceFileRecord?> FindAsync(string sha256, CancellationToken cancellationToken = default) =>
        db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(e => e.Sha256 == sha256, cancellationToken);
}

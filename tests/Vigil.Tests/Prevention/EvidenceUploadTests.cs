using Vigil.Host.Prevention;

namespace Vigil.Tests.Prevention;

/// <summary>The checks the API's upload and the web UI's evidence picker share (DP-HAZ evidence).</summary>
public sealed class EvidenceUploadTests
{
    [Fact]
    public void A_file_is_refused_when_empty_or_over_five_megabytes_and_accepted_at_the_limit()
    {
        Assert.Equal("evidence[0]", EvidenceUpload.Size("evidence[0]", 0)?.Field);
        Assert.Null(EvidenceUpload.Size("evidence[0]", 1));
        Assert.Null(EvidenceUpload.Size("evidence[0]", EvidenceUpload.MaxFileBytes));
        Assert.Equal("upload.size", EvidenceUpload.Size("evidence[0]", EvidenceUpload.MaxFileBytes + 1)?.Code);
    }

    [Fact]
    public void At_most_five_files_are_taken_at_once()
    {
        Assert.Null(EvidenceUpload.TooMany("evidence", EvidenceUpload.MaxFiles));
        Assert.Equal("upload.tooMany", EvidenceUpload.TooMany("evidence", EvidenceUpload.MaxFiles + 1)?.Code);
    }

    [Fact]
    public void The_type_comes_from_the_first_bytes_not_the_name()
    {
        var (photo, _) = EvidenceUpload.Typed("evidence[0]", PreventionWorld.Photo("x"), "scan.pdf", imagesOnly: true);
        Assert.Equal("image/jpeg", photo?.ContentType);
        Assert.Equal("scan.pdf", photo?.FileName);

        var (pdf, refused) = EvidenceUpload.Typed("photos[1]", "%PDF-1.7"u8.ToArray(), "a.pdf", imagesOnly: true);
        Assert.Null(pdf);
        Assert.Equal(("photos[1]", "upload.imageType"), (refused?.Field, refused?.Code));
        Assert.Equal("application/pdf", EvidenceUpload.Typed("evidence[0]", "%PDF-1.7"u8.ToArray(), "a.pdf", imagesOnly: false).File?.ContentType);

        var (text, problem) = EvidenceUpload.Typed("evidence[0]", "not a photo"u8.ToArray(), "photo.png", imagesOnly: false);
        Assert.Null(text);
        Assert.Equal("upload.type", problem?.Code);
    }
}

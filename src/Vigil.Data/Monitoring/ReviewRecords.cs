using Microsoft.EntityFrameworkCore;
using Vigil.Data.Security;

namespace Vigil.Data.Monitoring;

/// <summary>One event of a station-day or station-month review, stored whole as JSON with its who/when columns.</summary>
public sealed class ReviewEventRecord : IAppendOnly
{
    public long Id { get; init; }

    public string StationCode { get; init; } = "";

    /// <summary>"day" or "month".</summary>
    public string Period { get; init; } = "";

    /// <summary>The day reviewed, or the first day of the month reviewed (local date).</summary>
    public DateOnly PeriodStart { get; init; }

    /// <summary>Position in the review's history, from 0; unique per review (optimistic concurrency).</summary>
    public int Sequence { get; init; }

    public string Type { get; init; } = "";

    public DateTimeOffset At { get; init; }

    public string ActorName { get; init; } = "";

    public string ActorRole { get; init; } = "";

    public string? ActorUserId { get; init; }

    public string Payload { get; init; } = "";
}

/// <summary>
/// 审核结果 — one verdict on one raw hour (station, local date, hour, item), pointing at the review event that made it
/// (AQ-DATA 第二十条: review is a separate, attributed layer; the raw readings are never touched).
/// </summary>
public sealed class ReviewVerdictRecord : IAppendOnly
{
    /// <summary>The reviewer's mark.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>The centre's verdict with its first rejection: guidance for the re-review, not in force.</summary>
    public const string CentreGuidance = "centre-guidance";

    /// <summary>The centre's verdict with its second rejection: final.</summary>
    public const string CentreFinal = "centre-final";

    public long Id { get; init; }

    public long EventId { get; init; }

    public string StationCode { get; init; } = "";

    public DateOnly Date { get; init; }

    public int Hour { get; init; }

    public string Item { get; init; } = "";

    public bool Valid { get; init; }

    public string? Reason { get; init; }

    public string? Note { get; init; }

    /// <summary>The proof attached to a force-majeure mark (第十八条(三) 「附有关证明材料」): an evidence reference.</summary>
    public string? Evidence { get; init; }

    /// <summary><see cref="Reviewer"/>, <see cref="CentreGuidance"/> or <see cref="CentreFinal"/>.</summary>
    public string Source { get; init; } = "";

    public DateTimeOffset At { get; init; }
}

/// <summary>审核人员资质 — a reviewer's training certificate as the administrator recorded it (第二十二条).</summary>
public sealed class ReviewerQualificationRecord : IAppendOnly
{
    public long Id { get; init; }

    public string UserId { get; init; } = "";

    public string CertificateNumber { get; init; } = "";

    public DateOnly ValidFrom { get; init; }

    public DateOnly ValidTo { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public string RecordedBy { get; init; } = "";
}

/// <summary>资质撤销 — a qualification withdrawn by the administrator, with the reason; effective at once.</summary>
public sealed class ReviewerQualificationRevocationRecord : IAppendOnly
{
    public long Id { get; init; }

    public string CertificateNumber { get; init; } = "";

    public string Reason { get; init; } = "";

    public DateTimeOffset RevokedAt { get; init; }

    public string RevokedBy { get; init; } = "";
}

/// <summary>The review tables' model, kept apart from <see cref="VigilDbContext"/> so areas merge without conflicts.</summary>
internal static class ReviewModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReviewEventRecord>(e =>
        {
            e.ToTable("review_events");
            e.HasKey(x => x.Id);
            // One sequence number per review: two writers appending at once collide here, not silently.
            e.HasIndex(x => new { x.StationCode, x.Period, x.PeriodStart, x.Sequence }).IsUnique();
            e.HasIndex(x => new { x.Period, x.PeriodStart });
            e.Property(x => x.StationCode).HasMaxLength(24);
            e.Property(x => x.Period).HasMaxLength(8);
            e.Property(x => x.Type).HasMaxLength(20);
            e.Property(x => x.ActorName).HasMaxLength(100);
            e.Property(x => x.ActorRole).HasMaxLength(60);
            e.Property(x => x.ActorUserId).HasMaxLength(100);
            e.HasOne<StationRecord>().WithMany().HasForeignKey(x => x.StationCode).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ReviewVerdictRecord>(e =>
        {
            e.ToTable("review_verdicts");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.StationCode, x.Date, x.Item, x.Hour });
            e.Property(x => x.StationCode).HasMaxLength(24);
            e.Property(x => x.Item).HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(20);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.Evidence).HasMaxLength(500);
            e.Property(x => x.Source).HasMaxLength(20);
            e.HasOne<ReviewEventRecord>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<StationRecord>().WithMany().HasForeignKey(x => x.StationCode).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ReviewerQualificationRecord>(e =>
        {
            e.ToTable("reviewer_qualifications");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.UserId);
            e.HasIndex(x => x.CertificateNumber).IsUnique();
            e.Property(x => x.UserId).HasMaxLength(40);
            e.Property(x => x.CertificateNumber).HasMaxLength(60);
            e.Property(x => x.RecordedBy).HasMaxLength(100);
            e.HasOne<UserRecord>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ReviewerQualificationRevocationRecord>(e =>
        {
            e.ToTable("reviewer_qualification_revocations");
            e.HasKey(x => x.Id);
            // A certificate is withdrawn once.
            e.HasIndex(x => x.CertificateNumber).IsUnique();
            e.Property(x => x.CertificateNumber).HasMaxLength(60);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.RevokedBy).HasMaxLength(100);
            e.HasOne<ReviewerQualificationRecord>().WithMany().HasPrincipalKey(x => x.CertificateNumber).HasForeignKey(x => x.CertificateNumber).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

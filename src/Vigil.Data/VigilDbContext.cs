using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Vigil.Data.Incidents;
using Vigil.Data.Monitoring;
using Vigil.Data.Prevention;
using Vigil.Data.Security;
using Vigil.Security.Audit;

namespace Vigil.Data;

/// <summary>
/// The one database of Vigil: SQLite is the embedded default, PostgreSQL the production engine (DESIGN principle 5
/// keeps engine SQL inside the storage projects: the append-only triggers and the audit chain's lock).
/// </summary>
/// <remarks>The <see cref="AuditKey"/> keys the audit chain each save appends to; it never lives in the database.</remarks>
public sealed class VigilDbContext(DbContextOptions<VigilDbContext> options, AuditKey auditKey) : DbContext(options)
{
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();

    public DbSet<IncidentEventRecord> IncidentEvents => Set<IncidentEventRecord>();

    public DbSet<StationRecord> Stations => Set<StationRecord>();

    public DbSet<RawReadingRecord> RawReadings => Set<RawReadingRecord>();

    public DbSet<IntakeRejectionRecord> IntakeRejections => Set<IntakeRejectionRecord>();

    public DbSet<ReadingConflictRecord> ReadingConflicts => Set<ReadingConflictRecord>();

    public DbSet<IntakeRefusalCountRecord> IntakeRefusalCounts => Set<IntakeRefusalCountRecord>();

    public DbSet<UserRecord> Users => Set<UserRecord>();

    public DbSet<RoleAssignmentRecord> RoleAssignments => Set<RoleAssignmentRecord>();

    public DbSet<DivisionRecord> Divisions => Set<DivisionRecord>();

    public DbSet<SessionRecord> Sessions => Set<SessionRecord>();

    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    public DbSet<StationKeyRecord> StationKeys => Set<StationKeyRecord>();

    public DbSet<AuditRecord> AuditEntries => Set<AuditRecord>();

    public DbSet<EnterpriseRecord> Enterprises => Set<EnterpriseRecord>();

    public DbSet<EnterpriseStaffRecord> EnterpriseStaff => Set<EnterpriseStaffRecord>();

    public DbSet<EnterpriseIncidentLinkRecord> EnterpriseIncidentLinks => Set<EnterpriseIncidentLinkRecord>();

    public DbSet<RiskPointRecord> RiskPoints => Set<RiskPointRecord>();

    public DbSet<RiskEntryRecord> RiskEntries => Set<RiskEntryRecord>();

    public DbSet<InspectionRecord> Inspections => Set<InspectionRecord>();

    public DbSet<InspectionAssignmentRecord> InspectionAssignments => Set<InspectionAssignmentRecord>();

    public DbSet<InspectionResultRecord> InspectionResults => Set<InspectionResultRecord>();

    public DbSet<HazardRecord> Hazards => Set<HazardRecord>();

    public DbSet<HazardStepRecord> HazardSteps => Set<HazardStepRecord>();

    public DbSet<EvidenceFileRecord> EvidenceFiles => Set<EvidenceFileRecord>();

    public DbSet<QuarterlyReportRecord> QuarterlyReports => Set<QuarterlyReportRecord>();

    public DbSet<UnitInspectionRecord> UnitInspections => Set<UnitInspectionRecord>();

    public DbSet<PublicReportRecord> PublicReports => Set<PublicReportRecord>();

    public DbSet<PublicReportDecisionRecord> PublicReportDecisions => Set<PublicReportDecisionRecord>();

    private readonly List<(AuditEvent Content, DateTimeOffset At)> _pendingAudit = [];

    /// <summary>
    /// Queues an audit entry for the next SaveChanges, which writes it in the same transaction as the change it
    /// records (SEC non-repudiation: no change without its entry, no entry without its change). A read of sensitive
    /// data is recorded by queueing an entry and saving with nothing else changed.
    /// </summary>
    public void Audit(AuditEvent content, DateTimeOffset at) => _pendingAudit.Add((content, at));

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (_pendingAudit.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        LockAuditChain();
        var added = ChainPending(AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefault());
        try
        {
            var count = base.SaveChanges(acceptAllChangesOnSuccess);
            transaction?.Commit();
            return count;
        }
        catch
        {
            Forget(added);
            throw;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (_pendingAudit.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        await LockAuditChainAsync(cancellationToken);
        var added = ChainPending(await AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken));
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return count;
        }
        catch
        {
            Forget(added);
            throw;
        }
    }

    /// <summary>
    /// Serialises writers of the audit chain for the rest of the transaction, so no two take the same head. On SQLite
    /// a transaction begins IMMEDIATE and already holds the one write lock; on PostgreSQL a transaction-scoped advisory
    /// lock does the same across every instance sharing the database, released at commit or rollback.
    /// </summary>
    private void LockAuditChain()
    {
        if (Database.IsNpgsql())
        {
            Database.ExecuteSqlRaw(AuditChainLockSql);
        }
    }

    private async Task LockAuditChainAsync(CancellationToken cancellationToken)
    {
        if (Database.IsNpgsql())
        {
            await Database.ExecuteSqlRawAsync(AuditChainLockSql, cancellationToken);
        }
    }

    /// <summary>The advisory lock key is the chain's own constant ("VIGA" in ASCII).</summary>
    private const string AuditChainLockSql = "SELECT pg_advisory_xact_lock(1447642945)";

    private List<AuditRecord> ChainPending(AuditRecord? head)
    {
        var previous = head?.ToEntry();
        var added = new List<AuditRecord>(_pendingAudit.Count);
        foreach (var (content, at) in _pendingAudit)
        {
            previous = AuditChain.Append(auditKey, previous, at, content);
            added.Add(AuditEntries.Add(AuditRecord.From(previous)).Entity);
        }

        _pendingAudit.Clear();
        return added;
    }

    /// <summary>A failed save takes its audit entries with it: the caller decides again and queues anew.</summary>
    private void Forget(List<AuditRecord> added)
    {
        foreach (var record in added)
        {
            Entry(record).State = EntityState.Detached;
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are stored as UTC (DESIGN principle 3); SQLite cannot order DateTimeOffset, so store UTC DateTime.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IncidentRecord>(e =>
        {
            e.ToTable("incidents");
            e.HasKey(x => x.Id);
            e.Property(x => x.PlanId).HasMaxLength(100);
            e.Property(x => x.DivisionCode).HasMaxLength(12);
            e.Property(x => x.Title).HasMaxLength(200);
            e.HasIndex(x => x.CreatedAt);
            e.HasIndex(x => x.DivisionCode);
        });
        modelBuilder.Entity<IncidentEventRecord>(e =>
        {
            e.ToTable("incident_events");
            e.HasKey(x => x.Id);
            // One sequence number per incident: two writers appending at once collide here, not silently.
            e.HasIndex(x => new { x.IncidentId, x.Sequence }).IsUnique();
            e.HasIndex(x => x.Type);
            e.Property(x => x.Type).HasMaxLength(40);
            e.Property(x => x.ActorName).HasMaxLength(100);
            e.Property(x => x.ActorRole).HasMaxLength(60);
            e.Property(x => x.ActorUserId).HasMaxLength(100);
            e.HasOne<IncidentRecord>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<StationRecord>(e =>
        {
            e.ToTable("stations");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(24);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.DivisionCode).HasMaxLength(12);
            e.Property(x => x.PasswordHash).HasMaxLength(128);
            e.Property(x => x.Items).HasMaxLength(400);
        });
        modelBuilder.Entity<RawReadingRecord>(e =>
        {
            e.ToTable("raw_readings");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.StationCode, x.DataTime, x.Item });
            // AQ-DATA, every packet once: one value per station, command, DataTime, item and field, whatever the
            // connection or instance that received it; a resend is skipped, a different value is a conflict.
            e.HasIndex(x => new { x.StationCode, x.Command, x.DataTime, x.Item, x.Field }).IsUnique();
            e.Property(x => x.StationCode).HasMaxLength(24);
            e.Property(x => x.Item).HasMaxLength(16);
            e.Property(x => x.Field).HasMaxLength(16);
            e.Property(x => x.Value).HasMaxLength(32);
            e.Property(x => x.Flag).HasMaxLength(4);
            e.Property(x => x.PacketQn).HasMaxLength(20);
            e.HasOne<StationRecord>().WithMany().HasForeignKey(x => x.StationCode).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ReadingConflictRecord>(e =>
        {
            e.ToTable("reading_conflicts");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.StationCode, x.Command, x.DataTime, x.Item, x.Field, x.Value, x.Flag }).IsUnique();
            e.HasIndex(x => new { x.StationCode, x.DataTime });
            e.Property(x => x.StationCode).HasMaxLength(24);
            e.Property(x => x.Item).HasMaxLength(16);
            e.Property(x => x.Field).HasMaxLength(16);
            e.Property(x => x.Value).HasMaxLength(32);
            e.Property(x => x.Flag).HasMaxLength(4);
            e.Property(x => x.PacketQn).HasMaxLength(20);
            e.Property(x => x.Decision).HasMaxLength(16);
            e.Property(x => x.DecisionReason).HasMaxLength(400);
            e.Property(x => x.DecidedBy).HasMaxLength(100);
            e.HasOne<StationRecord>().WithMany().HasForeignKey(x => x.StationCode).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<IntakeRefusalCountRecord>(e =>
        {
            e.ToTable("intake_refusal_counts");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Minute, x.Source, x.Code }).IsUnique();
            e.Property(x => x.Source).HasMaxLength(200);
            e.Property(x => x.Code).HasMaxLength(40);
        });
        modelBuilder.Entity<IntakeRejectionRecord>(e =>
        {
            e.ToTable("intake_rejections");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.ReceivedAt);
            e.Property(x => x.Source).HasMaxLength(200);
            e.Property(x => x.StationCode).HasMaxLength(24);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.Reason).HasMaxLength(400);
            e.Property(x => x.Excerpt).HasMaxLength(200);
        });
        modelBuilder.Entity<UserRecord>(e =>
        {
            e.ToTable("users");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(40);
            e.Property(x => x.UserName).HasMaxLength(100);
            e.Property(x => x.NormalizedUserName).HasMaxLength(100);
            e.HasIndex(x => x.NormalizedUserName).IsUnique();
            e.Property(x => x.DisplayName).HasMaxLength(100);
            e.Property(x => x.SecurityStamp).HasMaxLength(64);
        });
        modelBuilder.Entity<RoleAssignmentRecord>(e =>
        {
            e.ToTable("role_assignments");
            e.HasKey(x => x.Id);
            e.Property(x => x.RoleId).HasMaxLength(60);
            e.Property(x => x.DivisionCode).HasMaxLength(12);
            e.HasIndex(x => new { x.UserId, x.RoleId, x.DivisionCode }).IsUnique();
            e.HasOne<UserRecord>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<DivisionRecord>(e =>
        {
            e.ToTable("divisions");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(12);
            e.Property(x => x.ParentCode).HasMaxLength(12);
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasIndex(x => x.ParentCode);
        });
        modelBuilder.Entity<SessionRecord>(e =>
        {
            e.ToTable("sessions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.HasOne<UserRecord>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ApiKeyRecord>(e =>
        {
            e.ToTable("api_keys");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(40);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasOne<UserRecord>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<StationKeyRecord>(e =>
        {
            e.ToTable("station_keys");
            e.HasKey(x => x.KeyId);
            e.Property(x => x.KeyId).HasMaxLength(60);
            e.Property(x => x.StationId).HasMaxLength(40);
            e.Property(x => x.Purpose).HasMaxLength(40);
            e.Property(x => x.Algorithm).HasMaxLength(20);
            e.HasIndex(x => new { x.StationId, x.Purpose });
        });
        modelBuilder.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(x => x.Id);
            // The chain has one entry per number; two writers racing for the same head collide here, not silently.
            e.HasIndex(x => x.Sequence).IsUnique();
            e.HasIndex(x => x.DivisionCode);
            e.Property(x => x.ActorId).HasMaxLength(100);
            e.Property(x => x.ActorName).HasMaxLength(100);
            e.Property(x => x.Role).HasMaxLength(60);
            e.Property(x => x.Action).HasMaxLength(60);
            e.Property(x => x.TargetType).HasMaxLength(60);
            e.Property(x => x.TargetId).HasMaxLength(100);
            e.Property(x => x.DivisionCode).HasMaxLength(12);
        });
        ReviewModel.Configure(modelBuilder);
        PreventionModel.Configure(modelBuilder);
    }

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTime>(
        v => v.UtcDateTime,
        v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));
}

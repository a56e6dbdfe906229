using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Vigil.Data.Incidents;
using Vigil.Data.Monitoring;

namespace Vigil.Data;

/// <summary>
/// The one database of Vigil. SQLite is the embedded default; nothing here is SQLite-specific except the
/// append-only triggers in the migrations (DESIGN principle 5 keeps engine SQL inside this project).
/// </summary>
public sealed class VigilDbContext(DbContextOptions<VigilDbContext> options) : DbContext(options)
{
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();

    public DbSet<IncidentEventRecord> IncidentEvents => Set<IncidentEventRecord>();

    public DbSet<StationRecord> Stations => Set<StationRecord>();

    public DbSet<RawReadingRecord> RawReadings => Set<RawReadingRecord>();

    public DbSet<IntakeRejectionRecord> IntakeRejections => Set<IntakeRejectionRecord>();

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
            e.Property(x => x.PasswordHash).HasMaxLength(64);
            e.Property(x => x.Items).HasMaxLength(400);
        });
        modelBuilder.Entity<RawReadingRecord>(e =>
        {
            e.ToTable("raw_readings");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.StationCode, x.DataTime, x.Item });
            e.Property(x => x.StationCode).HasMaxLength(24);
            e.Property(x => x.Item).HasMaxLength(16);
            e.Property(x => x.Field).HasMaxLength(16);
            e.Property(x => x.Value).HasMaxLength(32);
            e.Property(x => x.Flag).HasMaxLength(4);
            e.Property(x => x.PacketQn).HasMaxLength(20);
            e.HasOne<StationRecord>().WithMany().HasForeignKey(x => x.StationCode).OnDelete(DeleteBehavior.Restrict);
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
    }

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTime>(
        v => v.UtcDateTime,
        v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));
}

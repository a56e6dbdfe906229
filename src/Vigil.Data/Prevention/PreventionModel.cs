using Microsoft.EntityFrameworkCore;

namespace Vigil.Data.Prevention;

/// <summary>The dual-prevention tables (issue 5). Every one is append-only: migration Prevention adds the refusing triggers.</summary>
internal static class PreventionModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EnterpriseRecord>(e =>
        {
            e.ToTable("enterprises");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.HasIndex(x => x.CreditCode).IsUnique();
            e.Property(x => x.DivisionCode).HasMaxLength(12);
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.HasIndex(x => x.DivisionCode);
            e.Property(x => x.Industry).HasMaxLength(60);
            e.Property(x => x.Address).HasMaxLength(400);
            e.Property(x => x.Datum).HasMaxLength(8);
            e.Property(x => x.RegisteredBy).HasMaxLength(100);
        });
        modelBuilder.Entity<EnterpriseStaffRecord>(e =>
        {
            e.ToTable("enterprise_staff");
            e.HasKey(x => x.Id);
            e.Property(x => x.UserId).HasMaxLength(40);
            e.Property(x => x.RoleId).HasMaxLength(60);
            e.Property(x => x.AppointedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.EnterpriseId, x.UserId, x.RoleId }).IsUnique();
            e.HasIndex(x => x.UserId);
            e.HasOne<EnterpriseRecord>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<EnterpriseIncidentLinkRecord>(e =>
        {
            e.ToTable("enterprise_incident_links");
            e.HasKey(x => x.Id);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.LinkedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.EnterpriseId, x.IncidentId }).IsUnique();
            e.HasOne<EnterpriseRecord>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<RiskPointRecord>(e =>
        {
            e.ToTable("risk_points");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Datum).HasMaxLength(8);
            e.Property(x => x.CreatedBy).HasMaxLength(100);
            e.HasIndex(x => x.EnterpriseId);
            e.HasOne<EnterpriseRecord>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<RiskEntryRecord>(e =>
        {
            e.ToTable("risk_entries");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.RiskPointId, x.Sequence }).IsUnique();
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.Method).HasMaxLength(40);
            e.Property(x => x.Variant).HasMaxLength(40);
            e.Property(x => x.Factors).HasMaxLength(400);
            e.Property(x => x.Colour).HasMaxLength(10);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.ActorId).HasMaxLength(100);
            e.Property(x => x.ActorName).HasMaxLength(100);
            e.Property(x => x.ActorRole).HasMaxLength(40);
            e.HasOne<RiskPointRecord>().WithMany().HasForeignKey(x => x.RiskPointId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<InspectionRecord>(e =>
        {
            e.ToTable("inspections");
            e.HasKey(x => x.Id);
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.Property(x => x.Tier).HasMaxLength(10);
            e.Property(x => x.PlannedBy).HasMaxLength(100);
            // One planned inspection per enterprise and period: planning the same months twice adds nothing.
            e.HasIndex(x => new { x.EnterpriseId, x.Due }).IsUnique();
            e.HasIndex(x => x.DistrictCode);
            e.HasOne<EnterpriseRecord>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<InspectionAssignmentRecord>(e =>
        {
            e.ToTable("inspection_assignments");
            e.HasKey(x => x.Id);
            e.Property(x => x.InspectorUserId).HasMaxLength(40);
            e.Property(x => x.InspectorName).HasMaxLength(100);
            e.Property(x => x.AssignedBy).HasMaxLength(100);
            e.HasIndex(x => x.InspectionId);
            e.HasOne<InspectionRecord>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<InspectionResultRecord>(e =>
        {
            e.ToTable("inspection_results");
            e.HasKey(x => x.Id);
            e.Property(x => x.InspectorUserId).HasMaxLength(40);
            e.Property(x => x.InspectorName).HasMaxLength(100);
            e.HasIndex(x => x.InspectionId).IsUnique();
            e.HasOne<InspectionRecord>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<HazardRecord>(e =>
        {
            e.ToTable("hazards");
            e.HasKey(x => x.Id);
            e.Property(x => x.DivisionCode).HasMaxLength(12);
            e.Property(x => x.SupervisingRegulator).HasMaxLength(12);
            e.Property(x => x.Source).HasMaxLength(20);
            e.Property(x => x.Datum).HasMaxLength(8);
            e.HasIndex(x => x.DivisionCode);
            e.HasIndex(x => x.EnterpriseId);
            e.HasOne<EnterpriseRecord>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<HazardStepRecord>(e =>
        {
            e.ToTable("hazard_steps");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.HazardId, x.Sequence }).IsUnique();
            e.Property(x => x.Type).HasMaxLength(20);
            e.Property(x => x.ActorId).HasMaxLength(100);
            e.Property(x => x.ActorName).HasMaxLength(100);
            e.Property(x => x.ActorRole).HasMaxLength(20);
            e.Property(x => x.Evidence).HasMaxLength(2000);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.Grade).HasMaxLength(10);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.ResponsiblePerson).HasMaxLength(200);
            e.Property(x => x.Measures).HasMaxLength(2000);
            e.Property(x => x.ContingencyPlan).HasMaxLength(2000);
            e.HasOne<HazardRecord>().WithMany().HasForeignKey(x => x.HazardId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<EvidenceFileRecord>(e =>
        {
            e.ToTable("evidence_files");
            e.HasKey(x => x.Sha256);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.StoredBy).HasMaxLength(100);
        });
        modelBuilder.Entity<QuarterlyReportRecord>(e =>
        {
            e.ToTable("quarterly_reports");
            e.HasKey(x => x.Id);
            e.Property(x => x.SignedByUserId).HasMaxLength(40);
            e.Property(x => x.SignedByName).HasMaxLength(100);
            e.Property(x => x.DocumentSha256).HasMaxLength(64);
            e.HasIndex(x => new { x.EnterpriseId, x.Year, x.Quarter });
            e.HasOne<EnterpriseRecord>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<UnitInspectionRecord>(e =>
        {
            e.ToTable("unit_inspections");
            e.HasKey(x => x.Id);
            e.Property(x => x.Level).HasMaxLength(12);
            e.Property(x => x.Unit).HasMaxLength(100);
            e.Property(x => x.LedBy).HasMaxLength(100);
            e.Property(x => x.Findings).HasMaxLength(2000);
            e.Property(x => x.RecordedByUserId).HasMaxLength(40);
            e.Property(x => x.RecordedByName).HasMaxLength(100);
            e.HasIndex(x => new { x.EnterpriseId, x.Level, x.Unit, x.DoneOn });
            e.HasOne<EnterpriseRecord>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<PublicReportRecord>(e =>
        {
            e.ToTable("public_reports");
            e.HasKey(x => x.Id);
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.HasIndex(x => x.DistrictCode);
            e.Property(x => x.ReportedName).HasMaxLength(200);
            e.Property(x => x.ReportedAddress).HasMaxLength(400);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.ReporterId).HasMaxLength(100);
            e.Property(x => x.Photos).HasMaxLength(400);
            e.Property(x => x.Datum).HasMaxLength(8);
        });
        modelBuilder.Entity<PublicReportDecisionRecord>(e =>
        {
            e.ToTable("public_report_decisions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.ReportId).IsUnique();
            e.Property(x => x.Outcome).HasMaxLength(20);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.DecidedByUserId).HasMaxLength(40);
            e.Property(x => x.DecidedByName).HasMaxLength(100);
            e.Property(x => x.DecidedByRole).HasMaxLength(60);
            e.HasOne<PublicReportRecord>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<EnterpriseRecord>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

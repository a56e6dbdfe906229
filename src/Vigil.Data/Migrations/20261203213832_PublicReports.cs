using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublicReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "public_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    ReportedName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReportedAddress = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ReporterId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Photos = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    Datum = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "public_report_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HazardId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DecidedByRole = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_report_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_public_report_decisions_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_public_report_decisions_public_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "public_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_public_report_decisions_EnterpriseId",
                table: "public_report_decisions",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_public_report_decisions_ReportId",
                table: "public_report_decisions",
                column: "ReportId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_public_reports_DistrictCode",
                table: "public_reports",
                column: "DistrictCode");

            AppendOnlyTriggers.Create(migrationBuilder, "public_reports", "public_report_decisions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            AppendOnlyTriggers.Drop(migrationBuilder, "public_reports", "public_report_decisions");

            migrationBuilder.DropTable(
                name: "public_report_decisions");

            migrationBuilder.DropTable(
                name: "public_reports");
        }
    }
}

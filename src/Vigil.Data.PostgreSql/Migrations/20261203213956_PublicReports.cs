using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Data.PostgreSql.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    ReportedName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReportedAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ReporterId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Photos = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Datum = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "public_report_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: true),
                    HazardId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DecidedByUserId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DecidedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DecidedByRole = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "public_report_decisions");

            migrationBuilder.DropTable(
                name: "public_reports");
        }
    }
}

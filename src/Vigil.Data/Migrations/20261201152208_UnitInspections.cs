using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Data.Migrations
{
    /// <inheritdoc />
    public partial class UnitInspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "unit_inspections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit_inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_unit_inspections_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_unit_inspections_EnterpriseId_Level_Unit_DoneOn",
                table: "unit_inspections",
                columns: new[] { "EnterpriseId", "Level", "Unit", "DoneOn" });

            AppendOnlyTriggers.Create(migrationBuilder, "unit_inspections");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            AppendOnlyTriggers.Drop(migrationBuilder, "unit_inspections");

            migrationBuilder.DropTable(
                name: "unit_inspections");
        }
    }
}

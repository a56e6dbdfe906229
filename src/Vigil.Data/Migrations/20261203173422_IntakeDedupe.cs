using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Data.Migrations
{
    /// <inheritdoc />
    public partial class IntakeDedupe : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reading_conflicts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StationCode = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    DataTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Command = table.Column<int>(type: "INTEGER", nullable: false),
                    Item = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Flag = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PacketQn = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reading_conflicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reading_conflicts_stations_StationCode",
                        column: x => x.StationCode,
                        principalTable: "stations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            // Readings stored twice before this migration (AQ-DATA, every packet once): the first of each slot stays; a
            // later one with a different value becomes a recorded conflict, nothing lost; exact copies go.
            migrationBuilder.Sql(
                "CREATE TEMP TABLE first_readings AS SELECT MIN(Id) AS Id, StationCode, Command, DataTime, Item, Field FROM raw_readings " +
                "GROUP BY StationCode, Command, DataTime, Item, Field HAVING COUNT(*) > 1;");
            migrationBuilder.Sql(
                "INSERT OR IGNORE INTO reading_conflicts (StationCode, DataTime, Command, Item, Field, Value, Flag, ReceivedAt, PacketQn) " +
                "SELECT r.StationCode, r.DataTime, r.Command, r.Item, r.Field, r.Value, IFNULL(r.Flag, ''), r.ReceivedAt, r.PacketQn " +
                "FROM raw_readings r JOIN first_readings f ON r.StationCode = f.StationCode AND r.Command = f.Command AND r.DataTime = f.DataTime " +
                "AND r.Item = f.Item AND r.Field = f.Field JOIN raw_readings k ON k.Id = f.Id " +
                "WHERE r.Id <> f.Id AND (r.Value <> k.Value OR IFNULL(r.Flag, '') <> IFNULL(k.Flag, ''));");
            AppendOnlyTriggers.Drop(migrationBuilder, "raw_readings");
            migrationBuilder.Sql(
                "DELETE FROM raw_readings WHERE Id IN (SELECT r.Id FROM raw_readings r JOIN first_readings f ON r.StationCode = f.StationCode " +
                "AND r.Command = f.Command AND r.DataTime = f.DataTime AND r.Item = f.Item AND r.Field = f.Field WHERE r.Id <> f.Id);");
            AppendOnlyTriggers.Create(migrationBuilder, "raw_readings");
            migrationBuilder.Sql("DROP TABLE first_readings;");

            migrationBuilder.CreateIndex(
                name: "IX_raw_readings_StationCode_Command_DataTime_Item_Field",
                table: "raw_readings",
                columns: new[] { "StationCode", "Command", "DataTime", "Item", "Field" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reading_conflicts_StationCode_Command_DataTime_Item_Field_Value_Flag",
                table: "reading_conflicts",
                columns: new[] { "StationCode", "Command", "DataTime", "Item", "Field", "Value", "Flag" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reading_conflicts_StationCode_DataTime",
                table: "reading_conflicts",
                columns: new[] { "StationCode", "DataTime" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reading_conflicts");

            migrationBuilder.DropIndex(
                name: "IX_raw_readings_StationCode_Command_DataTime_Item_Field",
                table: "raw_readings");
        }
    }
}

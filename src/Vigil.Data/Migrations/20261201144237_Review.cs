using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Data.Migrations
{
    /// <inheritdoc />
    public partial class Review : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "review_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StationCode = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ActorRole = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ActorUserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Payload = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_events_stations_StationCode",
                        column: x => x.StationCode,
                        principalTable: "stations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reviewer_qualifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CertificateNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reviewer_qualifications", x => x.Id);
                    table.UniqueConstraint("AK_reviewer_qualifications_CertificateNumber", x => x.CertificateNumber);
                    table.ForeignKey(
                        name: "FK_reviewer_qualifications_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "review_verdicts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<long>(type: "INTEGER", nullable: false),
                    StationCode = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Hour = table.Column<int>(type: "INTEGER", nullable: false),
                    Item = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Valid = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_verdicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_verdicts_review_events_EventId",
                        column: x => x.EventId,
                        principalTable: "review_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_review_verdicts_stations_StationCode",
                        column: x => x.StationCode,
                        principalTable: "stations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reviewer_qualification_revocations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CertificateNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reviewer_qualification_revocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reviewer_qualification_revocations_reviewer_qualifications_CertificateNumber",
                        column: x => x.CertificateNumber,
                        principalTable: "reviewer_qualifications",
                        principalColumn: "CertificateNumber",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_review_events_Period_PeriodStart",
                table: "review_events",
                columns: new[] { "Period", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_review_events_StationCode_Period_PeriodStart_Sequence",
                table: "review_events",
                columns: new[] { "StationCode", "Period", "PeriodStart", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_verdicts_EventId",
                table: "review_verdicts",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_review_verdicts_StationCode_Date_Item_Hour",
                table: "review_verdicts",
                columns: new[] { "StationCode", "Date", "Item", "Hour" });

            migrationBuilder.CreateIndex(
                name: "IX_reviewer_qualification_revocations_CertificateNumber",
                table: "reviewer_qualification_revocations",
                column: "CertificateNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reviewer_qualifications_CertificateNumber",
                table: "reviewer_qualifications",
                column: "CertificateNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reviewer_qualifications_UserId",
                table: "reviewer_qualifications",
                column: "UserId");

            // AQ-DATA 第二十条: review is a separate, attributed layer; its verdicts and qualifications are appended, never rewritten.
            AppendOnlyTriggers.Create(migrationBuilder, "review_events", "review_verdicts", "reviewer_qualifications", "reviewer_qualification_revocations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            AppendOnlyTriggers.Drop(migrationBuilder, "review_events", "review_verdicts", "reviewer_qualifications", "reviewer_qualification_revocations");

            migrationBuilder.DropTable(
                name: "review_verdicts");

            migrationBuilder.DropTable(
                name: "reviewer_qualification_revocations");

            migrationBuilder.DropTable(
                name: "review_events");

            migrationBuilder.DropTable(
                name: "reviewer_qualifications");
        }
    }
}

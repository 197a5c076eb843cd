using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kiosk.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RoomPresence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Inside",
                table: "Rooms",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "OccupancySeq",
                table: "Rooms",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "PresenceLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ClientScanId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    EventId = table.Column<int>(type: "int", nullable: false),
                    RoomId = table.Column<int>(type: "int", nullable: false),
                    AttendeeId = table.Column<int>(type: "int", nullable: true),
                    Direction = table.Column<int>(type: "int", nullable: false),
                    Decision = table.Column<int>(type: "int", nullable: false),
                    Counted = table.Column<bool>(type: "bit", nullable: false),
                    Conflict = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ScannedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TerminalId = table.Column<int>(type: "int", nullable: true),
                    StaffUserId = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PresenceLog", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PresenceLog_AttendeeId_Id",
                table: "PresenceLog",
                columns: new[] { "AttendeeId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PresenceLog_ClientScanId",
                table: "PresenceLog",
                column: "ClientScanId",
                unique: true,
                filter: "[ClientScanId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PresenceLog_RoomId_Id",
                table: "PresenceLog",
                columns: new[] { "RoomId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PresenceLog");

            migrationBuilder.DropColumn(
                name: "Inside",
                table: "Rooms");

            migrationBuilder.DropColumn(
                name: "OccupancySeq",
                table: "Rooms");
        }
    }
}

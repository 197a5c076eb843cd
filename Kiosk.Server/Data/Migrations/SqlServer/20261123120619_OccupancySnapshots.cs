using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kiosk.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OccupancySnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OccupancySnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoomId = table.Column<int>(type: "int", nullable: false),
                    EventId = table.Column<int>(type: "int", nullable: false),
                    Minute = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Inside = table.Column<int>(type: "int", nullable: false),
                    Capacity = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OccupancySnapshots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OccupancySnapshots_EventId_Minute",
                table: "OccupancySnapshots",
                columns: new[] { "EventId", "Minute" });

            migrationBuilder.CreateIndex(
                name: "IX_OccupancySnapshots_RoomId_Minute",
                table: "OccupancySnapshots",
                columns: new[] { "RoomId", "Minute" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OccupancySnapshots");
        }
    }
}

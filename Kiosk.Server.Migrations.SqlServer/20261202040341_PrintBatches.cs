using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kiosk.Server.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PrintBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "BatchId",
                table: "Reprints",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BatchPosition",
                table: "Reprints",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PrintBatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EventId = table.Column<int>(type: "int", nullable: false),
                    TerminalId = table.Column<int>(type: "int", nullable: false),
                    Selection = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    RequestedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrintBatches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reprints_BatchId_BatchPosition",
                table: "Reprints",
                columns: new[] { "BatchId", "BatchPosition" });

            migrationBuilder.CreateIndex(
                name: "IX_PrintBatches_EventId_RequestedAt",
                table: "PrintBatches",
                columns: new[] { "EventId", "RequestedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PrintBatches");

            migrationBuilder.DropIndex(
                name: "IX_Reprints_BatchId_BatchPosition",
                table: "Reprints");

            migrationBuilder.DropColumn(
                name: "BatchId",
                table: "Reprints");

            migrationBuilder.DropColumn(
                name: "BatchPosition",
                table: "Reprints");
        }
    }
}

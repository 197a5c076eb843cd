using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kiosk.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TerminalSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AppVersion",
                table: "Terminals",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Mode",
                table: "Terminals",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OutboxLength",
                table: "Terminals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrinterState",
                table: "Terminals",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RosterSeq",
                table: "Events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "SecondFactor",
                table: "Events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "RosterSeq",
                table: "Attendees",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_Attendees_EventId_RosterSeq_Id",
                table: "Attendees",
                columns: new[] { "EventId", "RosterSeq", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Attendees_EventId_RosterSeq_Id",
                table: "Attendees");

            migrationBuilder.DropColumn(
                name: "AppVersion",
                table: "Terminals");

            migrationBuilder.DropColumn(
                name: "Mode",
                table: "Terminals");

            migrationBuilder.DropColumn(
                name: "OutboxLength",
                table: "Terminals");

            migrationBuilder.DropColumn(
                name: "PrinterState",
                table: "Terminals");

            migrationBuilder.DropColumn(
                name: "RosterSeq",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "SecondFactor",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "RosterSeq",
                table: "Attendees");
        }
    }
}

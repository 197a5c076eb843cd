using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kiosk.Server.Data.Migrations.Postgres
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
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Mode",
                table: "Terminals",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OutboxLength",
                table: "Terminals",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrinterState",
                table: "Terminals",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RosterSeq",
                table: "Events",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "SecondFactor",
                table: "Events",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "RosterSeq",
                table: "Attendees",
                type: "bigint",
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

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kiosk.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Privacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PurgedAt",
                table: "Events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AnonymisedAt",
                table: "Attendees",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PurgedAt",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "AnonymisedAt",
                table: "Attendees");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kiosk.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SelfServiceReprint : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SelfService",
                table: "Reprints",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "SelfServiceReprint",
                table: "Events",
                type: "bit",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SelfService",
                table: "Reprints");

            migrationBuilder.DropColumn(
                name: "SelfServiceReprint",
                table: "Events");
        }
    }
}

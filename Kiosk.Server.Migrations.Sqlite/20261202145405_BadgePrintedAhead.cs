using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kiosk.Server.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BadgePrintedAhead : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PrintedAheadAt",
                table: "Badges",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PrintedAheadAt",
                table: "Badges");
        }
    }
}

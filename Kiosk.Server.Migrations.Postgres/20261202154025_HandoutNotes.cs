using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kiosk.Server.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HandoutNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HandoutNote",
                table: "Sessions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CategoryHandouts",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<byte>(type: "smallint", nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CategoryHandouts", x => new { x.EventId, x.Category });
                    table.ForeignKey(
                        name: "FK_CategoryHandouts_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CategoryHandouts");

            migrationBuilder.DropColumn(
                name: "HandoutNote",
                table: "Sessions");
        }
    }
}

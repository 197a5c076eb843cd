using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kiosk.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CheckInConflictReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "PresenceScanId",
                table: "ConflictReviews",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<long>(
                name: "CheckInRecordId",
                table: "ConflictReviews",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConflictReviews_CheckInRecordId",
                table: "ConflictReviews",
                column: "CheckInRecordId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConflictReviews_CheckInRecordId",
                table: "ConflictReviews");

            migrationBuilder.DropColumn(
                name: "CheckInRecordId",
                table: "ConflictReviews");

            migrationBuilder.AlterColumn<long>(
                name: "PresenceScanId",
                table: "ConflictReviews",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}

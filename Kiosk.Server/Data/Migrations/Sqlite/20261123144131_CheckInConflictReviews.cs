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
            // Written by hand: EF rebuilds the table for the now-nullable column in three transactions with
            // "PRAGMA foreign_keys" between them, and a crash in between would leave a database no start can
            // migrate. ConflictReviews has no foreign keys, so the whole rebuild runs in the migration's one transaction.
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_ConflictReviews" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_ConflictReviews" PRIMARY KEY AUTOINCREMENT,
                    "CheckInRecordId" INTEGER NULL,
                    "EventId" INTEGER NOT NULL,
                    "Note" TEXT NOT NULL,
                    "PresenceScanId" INTEGER NULL,
                    "ReviewedAt" INTEGER NOT NULL,
                    "ReviewedBy" TEXT NOT NULL
                );
                INSERT INTO "ef_temp_ConflictReviews" ("Id", "EventId", "Note", "PresenceScanId", "ReviewedAt", "ReviewedBy")
                SELECT "Id", "EventId", "Note", "PresenceScanId", "ReviewedAt", "ReviewedBy" FROM "ConflictReviews";
                DROP TABLE "ConflictReviews";
                ALTER TABLE "ef_temp_ConflictReviews" RENAME TO "ConflictReviews";
                CREATE UNIQUE INDEX "IX_ConflictReviews_CheckInRecordId" ON "ConflictReviews" ("CheckInRecordId");
                CREATE INDEX "IX_ConflictReviews_EventId" ON "ConflictReviews" ("EventId");
                CREATE UNIQUE INDEX "IX_ConflictReviews_PresenceScanId" ON "ConflictReviews" ("PresenceScanId");
                """);
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

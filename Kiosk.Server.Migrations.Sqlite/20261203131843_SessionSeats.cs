using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kiosk.Server.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SessionSeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "OnRegistrationForm",
                table: "Sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "OfferExpiresAt",
                table: "SessionBookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SessionIds",
                table: "Registrations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "SessionId",
                table: "RegistrationMails",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SessionWaitlist",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    AttendeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Place = table.Column<long>(type: "INTEGER", nullable: false),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionWaitlist", x => new { x.SessionId, x.AttendeeId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_SessionBookings_OfferExpiresAt",
                table: "SessionBookings",
                column: "OfferExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_SessionWaitlist_SessionId_Place",
                table: "SessionWaitlist",
                columns: new[] { "SessionId", "Place" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SessionWaitlist");

            migrationBuilder.DropIndex(
                name: "IX_SessionBookings_OfferExpiresAt",
                table: "SessionBookings");

            migrationBuilder.DropColumn(
                name: "OnRegistrationForm",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "OfferExpiresAt",
                table: "SessionBookings");

            migrationBuilder.DropColumn(
                name: "SessionIds",
                table: "Registrations");

            migrationBuilder.DropColumn(
                name: "SessionId",
                table: "RegistrationMails");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kiosk.Server.Migrations.SqlServer
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
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OfferExpiresAt",
                table: "SessionBookings",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SessionIds",
                table: "Registrations",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "SessionId",
                table: "RegistrationMails",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SessionWaitlist",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "int", nullable: false),
                    AttendeeId = table.Column<int>(type: "int", nullable: false),
                    Place = table.Column<long>(type: "bigint", nullable: false),
                    QueuedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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

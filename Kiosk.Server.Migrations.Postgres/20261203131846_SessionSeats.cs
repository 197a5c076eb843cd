using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kiosk.Server.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OfferExpiresAt",
                table: "SessionBookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<int>>(
                name: "SessionIds",
                table: "Registrations",
                type: "integer[]",
                nullable: false,
                // Registrations made before have chosen none (a NOT NULL column needs a value for them).
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<int>(
                name: "SessionId",
                table: "RegistrationMails",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SessionWaitlist",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    AttendeeId = table.Column<int>(type: "integer", nullable: false),
                    Place = table.Column<long>(type: "bigint", nullable: false),
                    QueuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

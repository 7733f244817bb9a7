using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IdP.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Sms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IdPAuditEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Type = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ActorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ClientId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RemoteAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Acr = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Detail = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdPAuditEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdPSmppNodes",
                columns: table => new
                {
                    Node = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Detail = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Endpoint = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Submitted = table.Column<long>(type: "bigint", nullable: false),
                    Receipts = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdPSmppNodes", x => x.Node);
                });

            migrationBuilder.CreateTable(
                name: "IdPSmsMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FlowId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ClientId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RemoteAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DestinationHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DestinationMasked = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Reference = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    MessageIds = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Segments = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Error = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Node = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdPSmsMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdPUserPhones",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Nickname = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    VerifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdPUserPhones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IdPUserPhones_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IdPUserSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Acr = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Amr = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RemoteAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdPUserSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IdPUserSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IdPSmsSegments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SmsMessageId = table.Column<long>(type: "bigint", nullable: false),
                    MessageId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ReceiptState = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReceiptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdPSmsSegments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IdPSmsSegments_IdPSmsMessages_SmsMessageId",
                        column: x => x.SmsMessageId,
                        principalTable: "IdPSmsMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IdPAuditEvents_At",
                table: "IdPAuditEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_IdPAuditEvents_Type_At",
                table: "IdPAuditEvents",
                columns: new[] { "Type", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_IdPAuditEvents_UserId_At",
                table: "IdPAuditEvents",
                columns: new[] { "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_IdPSmsMessages_CreatedAt",
                table: "IdPSmsMessages",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IdPSmsMessages_DestinationHash_CreatedAt",
                table: "IdPSmsMessages",
                columns: new[] { "DestinationHash", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IdPSmsMessages_FlowId",
                table: "IdPSmsMessages",
                column: "FlowId");

            migrationBuilder.CreateIndex(
                name: "IX_IdPSmsMessages_RemoteAddress_CreatedAt",
                table: "IdPSmsMessages",
                columns: new[] { "RemoteAddress", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IdPSmsMessages_UserId_CreatedAt",
                table: "IdPSmsMessages",
                columns: new[] { "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IdPSmsSegments_MessageId",
                table: "IdPSmsSegments",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_IdPSmsSegments_SmsMessageId",
                table: "IdPSmsSegments",
                column: "SmsMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_IdPUserPhones_Number",
                table: "IdPUserPhones",
                column: "Number");

            migrationBuilder.CreateIndex(
                name: "IX_IdPUserPhones_UserId_Number",
                table: "IdPUserPhones",
                columns: new[] { "UserId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IdPUserSessions_UserId_LastSeenAt",
                table: "IdPUserSessions",
                columns: new[] { "UserId", "LastSeenAt" });

            // Existing users: Identity's PhoneNumber / PhoneNumberConfirmed become their first phone row.
            migrationBuilder.Sql(
                "INSERT INTO \"IdPUserPhones\" (\"UserId\", \"Number\", \"VerifiedAt\", \"CreatedAt\") " +
                "SELECT \"Id\", \"PhoneNumber\", CASE WHEN \"PhoneNumberConfirmed\" THEN \"CreatedAt\" ELSE NULL END, \"CreatedAt\" " +
                "FROM \"AspNetUsers\" WHERE \"PhoneNumber\" IS NOT NULL AND \"PhoneNumber\" <> ''");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IdPAuditEvents");

            migrationBuilder.DropTable(
                name: "IdPSmppNodes");

            migrationBuilder.DropTable(
                name: "IdPSmsSegments");

            migrationBuilder.DropTable(
                name: "IdPUserPhones");

            migrationBuilder.DropTable(
                name: "IdPUserSessions");

            migrationBuilder.DropTable(
                name: "IdPSmsMessages");
        }
    }
}

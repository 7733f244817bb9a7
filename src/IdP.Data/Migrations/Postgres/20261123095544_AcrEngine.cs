using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdP.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AcrEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AllowedAcrs",
                table: "IdPClientSettings",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinimumAcrLevel",
                table: "IdPClientSettings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RaiseToMinimumLevel",
                table: "IdPClientSettings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "IdPAcrAliases",
                columns: table => new
                {
                    Alias = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Acr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdPAcrAliases", x => x.Alias);
                });

            migrationBuilder.CreateTable(
                name: "IdPAuthenticationScripts",
                columns: table => new
                {
                    Acr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    PropertiesJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdPAuthenticationScripts", x => x.Acr);
                });

            migrationBuilder.CreateTable(
                name: "IdPLoginFlows",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReportedAcr = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ScriptAcr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Candidates = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    IsEssential = table.Column<bool>(type: "boolean", nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Amr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DataJson = table.Column<string>(type: "text", nullable: false),
                    ClientId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReturnUrl = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    FailedAttempts = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Error = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ErrorDescription = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdPLoginFlows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdPServerSettings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdPServerSettings", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IdPLoginFlows_ExpiresAt",
                table: "IdPLoginFlows",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IdPAcrAliases");

            migrationBuilder.DropTable(
                name: "IdPAuthenticationScripts");

            migrationBuilder.DropTable(
                name: "IdPLoginFlows");

            migrationBuilder.DropTable(
                name: "IdPServerSettings");

            migrationBuilder.DropColumn(
                name: "AllowedAcrs",
                table: "IdPClientSettings");

            migrationBuilder.DropColumn(
                name: "MinimumAcrLevel",
                table: "IdPClientSettings");

            migrationBuilder.DropColumn(
                name: "RaiseToMinimumLevel",
                table: "IdPClientSettings");
        }
    }
}

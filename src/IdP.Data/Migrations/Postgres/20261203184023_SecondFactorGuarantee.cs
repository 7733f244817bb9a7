using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdP.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SecondFactorGuarantee : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LockNoticeAt",
                table: "IdPOtpAccountStates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcceptableAcrs",
                table: "IdPLoginFlows",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LockNoticeAt",
                table: "IdPOtpAccountStates");

            migrationBuilder.DropColumn(
                name: "AcceptableAcrs",
                table: "IdPLoginFlows");
        }
    }
}

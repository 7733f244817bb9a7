using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdP.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SecondFactorGuarantee : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LockNoticeAt",
                table: "IdPOtpAccountStates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcceptableAcrs",
                table: "IdPLoginFlows",
                type: "TEXT",
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

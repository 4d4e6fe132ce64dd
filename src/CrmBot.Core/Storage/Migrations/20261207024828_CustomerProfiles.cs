using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmBot.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class CustomerProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastOrderAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "NetSpend",
                table: "Customers",
                type: "REAL",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "OrderCount",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ProfiledAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastOrderAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "NetSpend",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "OrderCount",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ProfiledAt",
                table: "Customers");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmBot.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class LabelCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LabelCorrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InteractionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Intent = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    SentimentLabel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    ModelIntent = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    ModelSentimentLabel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    CorrectedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CorrectedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CorrectedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LabelCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LabelCorrections_Interactions_InteractionId",
                        column: x => x.InteractionId,
                        principalTable: "Interactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LabelCorrections_InteractionId_Id",
                table: "LabelCorrections",
                columns: new[] { "InteractionId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LabelCorrections");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmBot.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class AnalyticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Interactions_Analytics_AgentMessages",
                table: "Interactions",
                columns: new[] { "Timestamp", "AgentId", "ConversationId" },
                filter: "\"Author\" = 'Agent'");

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_Analytics_CustomerMessages",
                table: "Interactions",
                columns: new[] { "Timestamp", "Intent", "SentimentLabel", "SentimentScore", "ConversationId" },
                filter: "\"Author\" = 'Customer'");

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_Analytics_CustomerMessagesByIntent",
                table: "Interactions",
                columns: new[] { "Intent", "SentimentLabel", "Timestamp", "ConversationId" },
                filter: "\"Author\" = 'Customer'");

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_CreatedAt",
                table: "Escalations",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_StartedAt",
                table: "Conversations",
                column: "StartedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interactions_Analytics_AgentMessages",
                table: "Interactions");

            migrationBuilder.DropIndex(
                name: "IX_Interactions_Analytics_CustomerMessages",
                table: "Interactions");

            migrationBuilder.DropIndex(
                name: "IX_Interactions_Analytics_CustomerMessagesByIntent",
                table: "Interactions");

            migrationBuilder.DropIndex(
                name: "IX_Escalations_CreatedAt",
                table: "Escalations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_StartedAt",
                table: "Conversations");
        }
    }
}

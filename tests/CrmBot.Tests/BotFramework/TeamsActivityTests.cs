using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBot.BotFramework.Schema;
using CrmBot.BotFramework.Teams;

namespace CrmBot.Tests.BotFramework;

public sealed class TeamsActivityTests
{
    [Theory]
    [InlineData("teams-message-personal.json", "72f988bf-86f1-41af-91ab-2d7cd011db47")]
    [InlineData("teams-conversationUpdate-bot-added-to-team.json", "b28fdbfd-2b78-4f93-b0f8-8881793f0f8f")]
    [InlineData("teams-message-channel-messageBack.json", "bec8e231-67ad-484e-87f4-3e5438390a77")]
    [InlineData("teams-conversationUpdate-personal-install.json", "<TENANT ID>")]
    public void Tenant_id_is_read_from_Teams_channel_data(string file, string tenantId) =>
        Assert.Equal(tenantId, Load(file).GetTenantId());

    [Fact]
    public void Tenant_id_falls_back_to_the_conversation()
    {
        var activity = Load("teams-conversationUpdate-bot-added-to-team.json");
        activity.ChannelData = null;

        Assert.Equal("b28fdbfd-2b78-4f93-b0f8-8881793f0f8f", activity.GetTenantId());
    }

    [Fact]
    public void Sender_object_id_conversation_type_team_and_channel_are_read()
    {
        var personal = Load("teams-message-personal.json");
        var team = Load("teams-conversationUpdate-bot-added-to-team.json");
        var thread = Load("teams-message-channel-messageBack.json");

        Assert.True(personal.IsTeams());
        Assert.True(personal.IsPersonalChat());
        Assert.Equal("7faf8ab2-3d56-4244-b585-20c8a42ed2b8", personal.GetAadObjectId());
        Assert.Equal("channel", team.GetConversationType());
        Assert.Equal("teamMemberAdded", team.GetTeamsEventType());
        Assert.Equal("19:zFLSDFWsesfzcmKArqKJ-65aOXJz@sgf462H2wz41@thread.tacv2", team.GetTeamId());
        Assert.Equal("19:malejcou081i20ojmlcau0@thread.skype", thread.GetTeamsChannelId());
        Assert.Null(thread.GetConversationType());
    }

    [Fact]
    public void Bot_mention_is_removed_and_other_mentions_are_kept()
    {
        var activity = Load("teams-message-channel-messageBack.json");
        activity.Text = "<at>MyBot</at> please ask <at>Lee</at> about my order";
        activity.Entities =
        [
            Mention(activity.Recipient!.Id!, "MyBot"),
            Mention("29:lee", "Lee"),
        ];

        var text = activity.RemoveRecipientMention();

        Assert.Equal("please ask <at>Lee</at> about my order", text);
        Assert.Equal(text, activity.Text);
    }

    [Fact]
    public void Bot_mention_without_a_mention_entity_is_removed_by_the_bot_name()
    {
        var activity = Load("teams-message-channel-messageBack.json");
        activity.Text = "<at>MyBot</at> where is my parcel?";
        activity.Entities = null;

        Assert.Equal("where is my parcel?", activity.RemoveRecipientMention());
    }

    private static JsonObject Mention(string id, string name) => new()
    {
        ["type"] = "mention",
        ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name },
        ["text"] = $"<at>{name}</at>",
    };

    private static Activity Load(string file) => JsonSerializer.Deserialize<Activity>(Samples.Read(file), BotJson.Options)!;
}

using CrmBot.Core.Storage;
using Xunit.Abstractions;

namespace CrmBot.Tests.Architecture;

public class CoreDependencyTests(ITestOutputHelper output)
{
    [Fact]
    public void Namespaces_inside_core_depend_on_each_other_one_way_only()
    {
        var graph = new NamespaceGraph(typeof(CrmDbContext).Assembly, "CrmBot.Core");
        foreach (var (from, to) in graph.Uses.OrderBy(u => u.Key))
        {
            output.WriteLine($"{from} -> {string.Join(", ", to.Order())}");
        }

        Assert.Empty(graph.Cycles());
    }

    [Theory]
    [InlineData("CrmBot.Core.Plugins")]
    [InlineData("CrmBot.Core.Dialogs")]
    public void Dialogs_and_plugins_see_a_turn_not_how_conversations_are_stored(string ns)
    {
        var graph = new NamespaceGraph(typeof(CrmDbContext).Assembly, "CrmBot.Core");

        Assert.DoesNotContain("CrmBot.Core.Conversations", graph.Uses[ns]);
    }
}

using CrmBot.Core.Dialogs;

namespace CrmBot.Tests.Dialogs;

public class DialogLoaderTests
{
    private static readonly HashSet<string> Functions = ["orders.get_order", "orders.recent_orders"];

    private static DialogDefinition Parse(string yaml) => new DialogLoader(Functions).Parse(new StringReader(yaml), "dialogs/test.yaml");

    private static DialogFileException Fails(string yaml) => Assert.Throws<DialogFileException>(() => Parse(yaml));

    [Fact]
    public void A_valid_flow_compiles_branches_to_jumps()
    {
        var dialog = Parse("""
            intent: track_order
            examples: ["where is my order"]
            slots:
              order_number:
                type: order_number
                prompt: "Which order?"
            steps:
              - ask: order_number
              - call: orders.get_order
                with: { order_number: "{{ order_number }}" }
                as: order
              - branch: order.status
                cases:
                  shipped:
                    - say: "On its way"
                default:
                  - say: "Status {{ order.status }}"
            """);
        Assert.Equal("track_order", dialog.Name);
        Assert.Collection(dialog.Program,
            i => Assert.IsType<AskInstruction>(i),
            i => Assert.IsType<CallInstruction>(i),
            i => Assert.Equal(3, Assert.IsType<BranchInstruction>(i).Targets["shipped"]),
            i => Assert.IsType<SayInstruction>(i),
            i => Assert.Equal(6, Assert.IsType<JumpInstruction>(i).Target),
            i => Assert.IsType<SayInstruction>(i),
            i => Assert.IsType<EndInstruction>(i));
    }

    [Fact]
    public void Unknown_step_names_the_file_and_line()
    {
        var error = Fails("""
            intent: x
            steps:
              - say: "hi"
              - sya: "oops"
            """);
        Assert.Equal("dialogs/test.yaml", error.Path);
        Assert.Equal(4, error.Line);
        Assert.Contains("unknown step 'sya'", error.Message);
    }

    [Fact]
    public void Asking_an_undeclared_slot_fails() =>
        Assert.Contains("no slot 'order_number'", Fails("intent: x\nsteps:\n  - ask: order_number\n").Message);

    [Fact]
    public void Calling_an_unknown_function_fails() =>
        Assert.Contains("unknown function 'orders.delete_everything'", Fails("intent: x\nsteps:\n  - call: orders.delete_everything\n").Message);

    [Fact]
    public void A_template_name_nothing_defines_fails()
    {
        var error = Fails("intent: x\nsteps:\n  - say: \"Hello {{ nobody.name }}\"\n");
        Assert.Equal(3, error.Line);
        Assert.Contains("nobody.name", error.Message);
    }

    [Fact]
    public void Unknown_top_level_key_fails() => Assert.Contains("unknown key 'stpes'", Fails("intent: x\nstpes: []\n").Message);

    [Fact]
    public void Unknown_slot_type_fails() =>
        Assert.Contains("unknown type 'ordernumber'", Fails("intent: x\nslots:\n  n:\n    type: ordernumber\n    prompt: hi\n").Message);

    [Fact]
    public void Broken_yaml_fails_with_a_line() => Assert.True(Fails("intent: x\nexamples: [\"a\", \n  - b").Line > 0);

    [Fact]
    public void Every_shipped_dialog_file_loads()
    {
        var catalog = DialogCatalog.Load(Path.Combine(AppContext.BaseDirectory, "dialogs"), Core.Plugins.DialogFunctions.Names);
        Assert.True(catalog.All.Count >= 35);
        Assert.NotNull(catalog.Get(DialogCatalog.VerifyIdentity));
        foreach (var intent in new[] { "track_order", "cancel_order", "get_refund", "out_of_scope", "greeting" })
        {
            Assert.True(catalog.ForIntent(intent)!.Examples.Count >= 40, intent);
        }
    }
}

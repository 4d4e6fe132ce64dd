using System.CommandLine;
using CrmBot.Core.Agents;
using CrmBot.Core.Storage;
using CrmBot.Staff;
using CrmBot.Core.Hosting;

namespace CrmBot.Cli;

/// <summary>`staff list|add|update`: the administrator's tool for sign-ins, roles, and agents' skills and capacity.</summary>
public static class StaffCommand
{
    /// <summary>Read instead of a --password argument, which other users of the machine could see in the process list.</summary>
    public const string PasswordVariable = "CRMBOT_STAFF_PASSWORD";

    public static Command Create()
    {
        var command = new Command("staff", "List, add and change staff accounts (agents, supervisors, admins).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Update());
        return command;
    }

    private static Command List()
    {
        var list = new Command("list", "List staff with roles, skills, capacity and presence.");
        list.SetAction(async (_, ct) =>
        {
            var members = await WithDirectoryAsync((directory, token) => directory.ListAsync(token), ct);
            foreach (var m in members)
            {
                Console.WriteLine($"{m.Email,-40} {m.DisplayName,-20} {string.Join('+', m.Roles),-12} {m.Skills ?? "",-28} {(m.Capacity is { } c ? "capacity " + c : ""),-11} {m.Presence ?? ""}");
            }
            return 0;
        });
        return list;
    }

    private static Command Add()
    {
        var email = new Option<string>("--email") { Description = "Sign-in email.", Required = true };
        var name = new Option<string>("--name") { Description = "Display name shown to customers and colleagues.", Required = true };
        var role = new Option<string>("--role") { Description = "Agent, Supervisor or Admin.", DefaultValueFactory = _ => StaffRoles.Agent };
        var skills = new Option<string?>("--skills") { Description = "Agents: comma-separated skill queues, e.g. orders,billing." };
        var capacity = new Option<int>("--capacity") { Description = "Agents: conversations at once.", DefaultValueFactory = _ => 3 };
        var add = new Command("add", $"Add a staff account. The password comes from {PasswordVariable}, or one is generated and printed.") { email, name, role, skills, capacity };
        capacity.Validators.Add(r => { if (r.GetValue(capacity) is < 1 or > 20) r.AddError("--capacity must be between 1 and 20."); });
        add.SetAction(async (parse, ct) =>
        {
            var given = Environment.GetEnvironmentVariable(PasswordVariable);
            var password = string.IsNullOrEmpty(given) ? StaffDirectory.GeneratePassword() : given;
            var problems = await WithDirectoryAsync((directory, token) => directory.AddAsync(
                parse.GetValue(name)!, parse.GetValue(email)!, Capitalized(parse.GetValue(role)!), password, parse.GetValue(skills), parse.GetValue(capacity), token), ct);
            return Report(problems, string.IsNullOrEmpty(given) ? $"Added {parse.GetValue(email)}. Password (shown once): {password}" : $"Added {parse.GetValue(email)}.");
        });
        return add;
    }

    private static Command Update()
    {
        var email = new Option<string>("--email") { Description = "The agent's sign-in email.", Required = true };
        var skills = new Option<string?>("--skills") { Description = "New comma-separated skill queues." };
        var capacity = new Option<int?>("--capacity") { Description = "New capacity (conversations at once)." };
        capacity.Validators.Add(r => { if (r.GetValue(capacity) is < 1 or > 20) r.AddError("--capacity must be between 1 and 20."); });
        var update = new Command("update", "Change an agent's skills or capacity; takes effect at the next assignment.") { email, skills, capacity };
        update.SetAction(async (parse, ct) =>
        {
            var problems = await WithDirectoryAsync((directory, token) => directory.UpdateAgentAsync(parse.GetValue(email)!, parse.GetValue(skills), parse.GetValue(capacity), token), ct);
            return Report(problems, $"Updated {parse.GetValue(email)}.");
        });
        return update;
    }

    private static async Task<T> WithDirectoryAsync<T>(Func<StaffDirectory, CancellationToken, Task<T>> use, CancellationToken ct)
    {
        await using var app = CliCommands.BuildApp();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(ct);
        return await use(ActivatorUtilities.CreateInstance<StaffDirectory>(scope.ServiceProvider), ct);
    }

    private static int Report(IReadOnlyList<string> problems, string success)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine(problem);
        }
        if (problems.Count == 0)
        {
            Console.WriteLine(success);
        }
        return problems.Count == 0 ? 0 : 1;
    }

    private static string Capitalized(string role) =>
        StaffRoles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase)) ?? role;
}

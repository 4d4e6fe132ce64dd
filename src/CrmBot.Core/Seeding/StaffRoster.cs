using System.Security.Cryptography;
using System.Text;
using CrmBot.Core.Agents;
using Microsoft.AspNetCore.Identity;

namespace CrmBot.Core.Seeding;

/// <summary>
/// The demo sign-ins: one per seeded agent, a supervisor and an administrator. The passwords are public (README) and
/// for the demo only; a real deployment adds its own staff with the <c>staff</c> verb and reseeds nothing.
/// </summary>
public static class StaffRoster
{
    public const string AgentPassword = "demo-agent-2026";
    public const string SupervisorEmail = "olivia.bennett@brightwave.example";
    public const string SupervisorPassword = "demo-supervisor-2026";
    public const string AdminEmail = "admin@brightwave.example";
    public const string AdminPassword = "demo-admin-2026";

    /// <summary>Whether <paramref name="password"/> is one of the demo passwords above, which anyone can read.</summary>
    public static bool IsPublishedPassword(string? password) =>
        password is AgentPassword or SupervisorPassword or AdminPassword;

    public static IReadOnlyList<IdentityRole> Roles() =>
        StaffRoles.All.Select(name => new IdentityRole(name) { Id = StableId("role:" + name), NormalizedName = name.ToUpperInvariant() }).ToList();

    /// <summary>Sign-ins for the agents (linked through <see cref="Agent.UserId"/>) and for the supervisor and admin, with their roles.</summary>
    public static (List<StaffUser> Users, List<IdentityUserRole<string>> Roles) Create(IReadOnlyList<Agent> agents)
    {
        var hasher = new PasswordHasher<StaffUser>();
        var users = new List<StaffUser>();
        var roles = new List<IdentityUserRole<string>>();
        void Add(string name, string email, string password, string role)
        {
            var user = NewUser(name, email);
            user.PasswordHash = hasher.HashPassword(user, password);
            users.Add(user);
            roles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = StableId("role:" + role) });
        }
        foreach (var agent in agents)
        {
            Add(agent.DisplayName, agent.Email, AgentPassword, StaffRoles.Agent);
            agent.UserId = users[^1].Id;
        }
        Add("Olivia Bennett", SupervisorEmail, SupervisorPassword, StaffRoles.Supervisor);
        Add("Site Admin", AdminEmail, AdminPassword, StaffRoles.Admin);
        return (users, roles);
    }

    /// <summary>A user as Identity's UserManager would create it (normalised names, stamps), without the password.</summary>
    public static StaffUser NewUser(string displayName, string email) => new()
    {
        Id = StableId("user:" + email.ToLowerInvariant()),
        UserName = email.ToLowerInvariant(),
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email.ToLowerInvariant(),
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        DisplayName = displayName,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        LockoutEnabled = true,
    };

    // The same demo account has the same id after every reseed, so a signed-in browser is not silently someone else.
    private static string StableId(string key) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes(key))).ToString();
}

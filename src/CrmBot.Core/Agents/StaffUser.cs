using Microsoft.AspNetCore.Identity;

namespace CrmBot.Core.Agents;

/// <summary>A person who signs in to the back office: an agent, a supervisor or an administrator (ASP.NET Core Identity).</summary>
public class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

/// <summary>The back-office roles. An agent also has an <see cref="Agent"/> row with skills, capacity and presence.</summary>
public static class StaffRoles
{
    public const string Agent = "Agent";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Agent, Supervisor, Admin];
}

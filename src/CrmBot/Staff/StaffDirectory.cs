using System.Security.Cryptography;
using CrmBot.Core.Agents;
using CrmBot.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Staff;

public sealed record StaffMember(string Email, string DisplayName, IReadOnlyList<string> Roles, string? Skills, int? Capacity, string? Presence);

/// <summary>
/// Adds and changes staff: the sign-in (Identity, with its password rules), the roles, and for agents the desk profile
/// (skills, capacity). Used by the <c>staff</c> verb; scoped, like the UserManager it wraps.
/// </summary>
public sealed class StaffDirectory(UserManager<StaffUser> users, CrmDbContext db)
{
    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken ct)
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var agents = await db.Agents.AsNoTracking().Where(a => a.UserId != null).ToDictionaryAsync(a => a.UserId!, ct);
        var members = new List<StaffMember>();
        foreach (var user in all)
        {
            var agent = agents.GetValueOrDefault(user.Id);
            members.Add(new StaffMember(user.Email ?? "", user.DisplayName, [.. await users.GetRolesAsync(user)], agent?.Skills, agent?.Capacity, agent?.Presence.ToString()));
        }
        return members;
    }

    /// <summary>Creates a sign-in with a role; an Agent also gets a desk profile. Returns the problems, empty on success.</summary>
    public async Task<IReadOnlyList<string>> AddAsync(string displayName, string email, string role, string password, string? skills, int capacity, CancellationToken ct)
    {
        if (!StaffRoles.All.Contains(role))
        {
            return [$"Role must be one of {string.Join(", ", StaffRoles.All)}."];
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            return [$"{email} already has an account; use `staff update`."];
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new StaffUser { UserName = email.Trim().ToLowerInvariant(), Email = email.Trim().ToLowerInvariant(), EmailConfirmed = true, DisplayName = displayName.Trim() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created.Errors.Select(e => e.Description).ToList();
        }
        await EnsureRoleAsync(role, ct);
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            return added.Errors.Select(e => e.Description).ToList();
        }
        if (role == StaffRoles.Agent)
        {
            db.Agents.Add(new Agent { DisplayName = user.DisplayName, Email = user.Email, Skills = NormalizeSkills(skills), Capacity = capacity, UserId = user.Id });
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return [];
    }

    /// <summary>Changes an agent's skills and capacity; returns the problems, empty on success.</summary>
    public async Task<IReadOnlyList<string>> UpdateAgentAsync(string email, string? skills, int? capacity, CancellationToken ct)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Email == normalized, ct);
        if (agent is null)
        {
            return [$"No agent has the email {email}."];
        }
        if (skills is not null)
        {
            agent.Skills = NormalizeSkills(skills);
        }
        if (capacity is not null)
        {
            agent.Capacity = capacity.Value;
        }
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>A password for a new account when none is given: printed once, to be changed by its owner.</summary>
    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');

    private async Task EnsureRoleAsync(string role, CancellationToken ct)
    {
        if (!await db.Roles.AnyAsync(r => r.Name == role, ct))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
            await db.SaveChangesAsync(ct);
        }
    }

    private static string NormalizeSkills(string? skills) =>
        string.Join(',', (skills ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => s.ToLowerInvariant()).Distinct());
}

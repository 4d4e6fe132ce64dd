using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Agents;

public enum AgentPresence { Offline, Available, Away }

public class Agent
{
    public int Id { get; set; }
    public required string DisplayName { get; set; }
    public required string Email { get; set; }
    /// <summary>Comma-separated skill queues the agent serves.</summary>
    public string Skills { get; set; } = "";
    /// <summary>How many conversations the agent handles at once.</summary>
    public int Capacity { get; set; } = 3;
    public AgentPresence Presence { get; set; }
    public DateTimeOffset? PresenceChangedAt { get; set; }
    /// <summary>The agent's sign-in (<see cref="StaffUser"/>); null for an agent who cannot sign in yet.</summary>
    public string? UserId { get; set; }
    public StaffUser? User { get; set; }

    public IReadOnlyList<string> SkillList => Skills.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> b)
    {
        b.Property(a => a.DisplayName).HasMaxLength(100);
        b.Property(a => a.Email).HasMaxLength(254);
        b.HasIndex(a => a.Email).IsUnique();
        b.Property(a => a.Skills).HasMaxLength(200);
        b.Property(a => a.Presence).HasConversion<string>().HasMaxLength(20);
        b.Ignore(a => a.SkillList);
        b.HasIndex(a => a.UserId).IsUnique();
        b.HasOne(a => a.User).WithOne().HasForeignKey<Agent>(a => a.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

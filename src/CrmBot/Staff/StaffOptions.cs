namespace CrmBot.Staff;

/// <summary>The <c>Staff</c> section of appsettings.json: staff sign-in.</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>
    /// Whether the demo staff passwords published in the README sign in. Unset: in Development only. True in another
    /// environment switches them on for a demo there, with a warning at start; never on a real shop, where anyone who
    /// has read the README would otherwise be an administrator.
    /// </summary>
    public bool? DemoPasswords { get; set; }

    public bool AreDemoPasswordsOn(IHostEnvironment environment) => DemoPasswords ?? environment.IsDevelopment();
}

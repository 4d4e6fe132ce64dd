using System.Security.Claims;
using CrmBot.Core.Agents;
using CrmBot.Core.Handoff;
using CrmBot.Core.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using CrmBot.Core.Seeding;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CrmBot.Staff;

/// <summary>Sign-in and sign-out for staff, and the pages behind them. Forms carry antiforgery tokens the middleware checks.</summary>
public static partial class AccountEndpoints
{
    public static WebApplication MapStaffAccounts(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && app.Services.GetRequiredService<IOptions<StaffOptions>>().Value.AreDemoPasswordsOn(app.Environment))
        {
            LogDemoPasswordsOn(app.Logger, app.Environment.EnvironmentName);
        }
        app.MapGet("/login", LoginPageAsync).ExcludeFromDescription();
        app.MapPost("/login", SignInAsync).ExcludeFromDescription();
        app.MapPost("/logout", SignOutAsync).ExcludeFromDescription();
        app.MapGet("/agent", ConsolePage).RequireAuthorization(StaffPolicies.Agent).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> LoginPageAsync(HttpContext http, IAntiforgery antiforgery, UserManager<StaffUser> users, [FromQuery] string? returnUrl)
    {
        var token = antiforgery.GetAndStoreTokens(http).RequestToken!;
        if (http.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(http.User) is { } user)
        {
            return LoginPage.SignedIn(user.DisplayName, await users.GetRolesAsync(user), token);
        }
        return LoginPage.Form(token, SafeReturnUrl(returnUrl), email: null, error: null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] LoginForm form, HttpContext http, IAntiforgery antiforgery, SignInManager<StaffUser> signIn,
        IOptions<StaffOptions> options, IHostEnvironment environment, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(AccountEndpoints));
        var email = form.Email?.Trim() ?? "";
        var returnUrl = SafeReturnUrl(form.ReturnUrl);
        var user = email.Length == 0 ? null : await signIn.UserManager.FindByEmailAsync(email);
        // A published password is refused like a wrong one, so the answer says nothing about the account.
        var published = StaffRoster.IsPublishedPassword(form.Password) && !options.Value.AreDemoPasswordsOn(environment);
        var result = user is null || string.IsNullOrEmpty(form.Password) || published
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            logger.LogWarning("Failed staff sign-in{LockedOut}", result.IsLockedOut ? " (account locked out)" : "");
            var error = result.IsLockedOut
                ? "Too many failed attempts: this account is locked for 5 minutes."
                : "That email and password do not match a staff account.";
            return LoginPage.Form(antiforgery.GetAndStoreTokens(http).RequestToken!, returnUrl, email, error, StatusCodes.Status401Unauthorized);
        }
        var roles = await signIn.UserManager.GetRolesAsync(user!);
        return Results.LocalRedirect(returnUrl ?? HomePage(roles));
    }

    private static async Task<IResult> SignOutAsync(
        HttpContext http, IAntiforgery antiforgery, SignInManager<StaffUser> signIn, CrmDbContext db, HandoffService handoff, CancellationToken ct)
    {
        // Without the token another site could sign an agent out (and take them off the desk) with a hidden form.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem("Signing out needs the form's antiforgery token; reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId && await AgentDesk.FindAgentAsync(db, userId, ct) is { } agent)
        {
            // Signing out is leaving the desk: unaccepted assignments go back to the queue.
            await handoff.SetPresenceAsync(db, agent, AgentPresence.Offline, ct);
        }
        await signIn.SignOutAsync();
        return Results.Redirect("/login");
    }

    // Where a member of staff lands after signing in without a page to return to: their console or dashboard.
    private static string HomePage(IList<string> roles) =>
        roles.Contains(StaffRoles.Agent) ? "/agent"
        : roles.Contains(StaffRoles.Supervisor) || roles.Contains(StaffRoles.Admin) ? "/supervisor"
        : "/login";

    private static IResult ConsolePage(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(Path.Combine(AppContext.BaseDirectory, "Pages", "agent.html"), "text/html; charset=utf-8");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff:DemoPasswords is on in the {Environment} environment: the demo staff passwords published in the README sign in, the administrator's too. Never on a real shop.")]
    private static partial void LogDemoPasswordsOn(ILogger logger, string environment);

    // Only our own paths: an open redirect after sign-in is a phishing tool. Browsers drop tabs and newlines from a
    // URL ("/\t/evil.example" becomes "//evil.example"), and LocalRedirect refuses control characters by throwing.
    private static string? SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.Any(char.IsControl)
            ? url
            : null;
}

public sealed class LoginForm
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}

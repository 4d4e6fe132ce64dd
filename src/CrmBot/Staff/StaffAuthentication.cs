using CrmBot.Core.Agents;
using CrmBot.Core.Storage;
using Microsoft.AspNetCore.Identity;

namespace CrmBot.Staff;

/// <summary>The authorization policies of the back office.</summary>
public static class StaffPolicies
{
    public const string Agent = "Agent";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";
}

/// <summary>
/// Sign-in for agents, supervisors and admins: ASP.NET Core Identity with its tables in the CRM store, a cookie that is
/// HttpOnly and SameSite=Strict, lockout after repeated failures, and antiforgery tokens for every state-changing call.
/// </summary>
public static class StaffAuthentication
{
    public const string CookieName = "crmbot.staff";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static IServiceCollection AddStaffAuthentication(this IServiceCollection services)
    {
        services.AddIdentityCore<StaffUser>(o =>
            {
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CrmDbContext>()
            .AddSignInManager();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            // APIs and the hub answer 401/403; only pages are redirected to the sign-in form.
            o.Events.OnRedirectToLogin = context => IsApi(context.Request)
                ? Status(context.Response, StatusCodes.Status401Unauthorized)
                : Redirect(context.Response, context.RedirectUri);
            o.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
                ? Status(context.Response, StatusCodes.Status403Forbidden)
                : LoginPage.Forbidden(context.HttpContext.User.Identity?.Name).ExecuteAsync(context.HttpContext);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Agent, p => p.RequireRole(StaffRoles.Agent))
            .AddPolicy(StaffPolicies.Supervisor, p => p.RequireRole(StaffRoles.Supervisor, StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Admin, p => p.RequireRole(StaffRoles.Admin));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "crmbot.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        return services;
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs");

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task Redirect(HttpResponse response, string uri)
    {
        response.Redirect(uri);
        return Task.CompletedTask;
    }
}

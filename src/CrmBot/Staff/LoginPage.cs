using System.Text;
using System.Text.Encodings.Web;

namespace CrmBot.Staff;

/// <summary>
/// The staff sign-in page, rendered on the server so the form works without JavaScript and carries its antiforgery
/// token. Every value placed in the page is HTML-encoded.
/// </summary>
public static class LoginPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static IResult Form(string token, string? returnUrl, string? email, string? error, int status)
    {
        var body = new StringBuilder();
        body.Append("<h1>Staff sign-in</h1><p class=\"muted\">For Brightwave agents, supervisors and administrators.</p>");
        if (error is not null)
        {
            body.Append("<p class=\"error\" role=\"alert\" id=\"login-error\">").Append(Html.Encode(error)).Append("</p>");
        }
        body.Append("<form method=\"post\" action=\"/login\" class=\"login-form\">")
            .Append(Hidden("__RequestVerificationToken", token))
            .Append(returnUrl is null ? "" : Hidden("ReturnUrl", returnUrl))
            .Append("<label for=\"email\">Email</label><input id=\"email\" name=\"Email\" type=\"email\" autocomplete=\"username\" required autofocus value=\"")
            .Append(Html.Encode(email ?? "")).Append("\">")
            .Append("<label for=\"password\">Password</label><input id=\"password\" name=\"Password\" type=\"password\" autocomplete=\"current-password\" required>")
            .Append("<button type=\"submit\" id=\"sign-in\">Sign in</button></form>");
        return Page(body.ToString(), status);
    }

    public static IResult SignedIn(string displayName, IEnumerable<string> roles, string token)
    {
        var list = roles.ToList();
        var body = new StringBuilder();
        body.Append("<h1>Signed in</h1><p>").Append(Html.Encode(displayName)).Append(" (").Append(Html.Encode(string.Join(", ", list))).Append(")</p><ul>");
        if (list.Contains(Core.Agents.StaffRoles.Agent))
        {
            body.Append("<li><a href=\"/agent\">Agent console</a></li>");
        }
        if (list.Contains(Core.Agents.StaffRoles.Supervisor) || list.Contains(Core.Agents.StaffRoles.Admin))
        {
            body.Append("<li><a href=\"/supervisor\">Supervisor dashboard</a></li>");
        }
        body.Append("<li><a href=\"/\">Customer web chat</a></li></ul>")
            .Append("<form method=\"post\" action=\"/logout\">").Append(Hidden("__RequestVerificationToken", token))
            .Append("<button type=\"submit\" id=\"sign-out\">Sign out</button></form>");
        return Page(body.ToString(), StatusCodes.Status200OK);
    }

    /// <summary>A signed-in member of staff opened a page their role does not cover.</summary>
    public static IResult Forbidden(string? userName) => Page(
        "<h1>Not for your role</h1><p>This page is for another role" + (userName is null ? "" : "; you are signed in as " + Html.Encode(userName)) + ".</p>"
        + "<p><a href=\"/login\">Your pages and sign-out</a></p>",
        StatusCodes.Status403Forbidden);

    private static string Hidden(string name, string value) =>
        $"<input type=\"hidden\" name=\"{name}\" value=\"{Html.Encode(value)}\">";

    private static IResult Page(string body, int status) => Results.Content(
        $"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Sign in · Brightwave support</title>
          <link rel="icon" href="/favicon.svg" type="image/svg+xml">
          <link rel="stylesheet" href="/css/site.css">
        </head>
        <body class="staff">
          <main class="login-card">{body}</main>
        </body>
        </html>
        """, "text/html; charset=utf-8", Encoding.UTF8, status);
}

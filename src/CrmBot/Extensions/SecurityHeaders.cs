namespace CrmBot.Extensions;

public static class SecurityHeaders
{
    /// <summary>
    /// Headers every response carries: no framing by other sites, no MIME sniffing, no referrer leaks, and a content
    /// security policy that only allows our own scripts (Web Chat needs inline styles and data: images for its UI).
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'";
        await next();
    });
}

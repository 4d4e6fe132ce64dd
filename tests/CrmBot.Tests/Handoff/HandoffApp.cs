using CrmBot.Core.Escalations;
using CrmBot.Core.Storage;
using CrmBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmBot.Tests.Handoff;

/// <summary>
/// The real app on a data directory the test chooses (the suite's store, see <see cref="TestDatabases"/>: real
/// migrations, seeded), so a test can stop it and start another on the same store. The team is on duty around the clock (opening hours are not what these
/// tests are about), and the clock can be a fake one.
/// </summary>
public sealed class HandoffApp(
    string dataDirectory, TimeProvider? time = null, IReadOnlyDictionary<string, string>? settings = null, string environment = "Development",
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    private const string AllDay = "00:00-23:59:59.9999999";

    private readonly ErrorLog _errors = new();

    public string DataDirectory => dataDirectory;

    /// <summary>The errors the app logged so far, for failure messages: a 500's body says nothing, its log does.</summary>
    public string Errors => _errors.ToString();

    /// <summary>A new data directory holding the models the shared fixture trained, so this app starts without training.</summary>
    public static string NewDataDirectory(CrmBotAppFixture trained) => TestDirectories.NewWithModelsOf(trained, "crmbot-handoff-");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("Storage:DataDirectory", dataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // No demo history unless a test asks for it (settings below): it costs a start ~20 s.
        builder.UseSetting("DemoHistory:Days", "0");
        builder.UseEnvironment(environment);
        // A test that names its store (settings below) keeps it.
        if (settings?.ContainsKey("Storage:Provider") != true)
        {
            foreach (var (key, value) in TestDatabases.SettingsFor(dataDirectory, seededAt: (time ?? TimeProvider.System).GetUtcNow()))
            {
                builder.UseSetting(key, value);
            }
        }
        builder.ConfigureLogging(logging => logging.AddProvider(_errors));
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            builder.UseSetting($"Escalation:OpeningHours:{day}", AllDay);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        if (time is not null)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(time);
            });
        }
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    /// <summary>A browser: keeps cookies (staff sign-in, antiforgery) and shows redirects instead of following them.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A fresh database context for asserting what the store holds.</summary>
    public CrmDbContext NewDb() => Services.CreateScope().ServiceProvider.GetRequiredService<CrmDbContext>();

    /// <summary>The escalation of a Web Chat conversation as stored, with its event trail in order.</summary>
    public async Task<Escalation> EscalationOfAsync(WebChatCustomer customer)
    {
        await using var db = NewDb();
        return await db.Escalations.AsNoTracking().Include(e => e.Events.OrderBy(v => v.Id))
            .SingleAsync(e => e.Conversation!.Channel == "directline" && e.Conversation.ChannelConversationId == customer.ConversationId);
    }
}

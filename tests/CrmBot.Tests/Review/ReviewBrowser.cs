using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBot.Tests.Handoff;

namespace CrmBot.Tests.Review;

/// <summary>A signed-in member of staff using the review API as the review page does: JSON, and the antiforgery header on POSTs.</summary>
public sealed class ReviewBrowser(StaffBrowser staff) : IDisposable
{
    private string? csrf;

    public HttpClient Client => staff.Client;

    public static async Task<ReviewBrowser> SignInAsync(HandoffApp app, string email, string password) =>
        new(await StaffBrowser.SignInAsync(app, email, password));

    public async Task<JsonObject> LabelsAsync()
    {
        var labels = await GetJsonAsync("/api/review/labels");
        csrf = (string)labels["antiforgeryToken"]!;
        return labels;
    }

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<HttpResponseMessage> CorrectAsync(long messageId, object body, bool withCsrf = true)
    {
        if (withCsrf && csrf is null) await LabelsAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/review/messages/{messageId}/corrections") { Content = JsonContent.Create(body) };
        if (withCsrf) request.Headers.Add("X-CSRF-TOKEN", csrf);
        return await Client.SendAsync(request);
    }

    public void Dispose() => staff.Dispose();
}

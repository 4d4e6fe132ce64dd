using Microsoft.Identity.Client;

namespace CrmBot.BotFramework.Authentication;

/// <summary>Lets MSAL use the host's IHttpClientFactory (pooled handlers; tests can replace the primary handler).</summary>
internal sealed class MsalHttpClientFactory(IHttpClientFactory httpClientFactory) : IMsalHttpClientFactory
{
    public HttpClient GetHttpClient() => httpClientFactory.CreateClient(MsalConnectorTokenProvider.HttpClientName);
}

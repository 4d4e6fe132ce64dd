using System.ComponentModel;
using CrmBot.Core.Messages;
using CrmBot.Core.Turns;
using CrmBot.Core.Privacy;
using Microsoft.SemanticKernel;

namespace CrmBot.Core.Plugins;

/// <summary>The customer's data rights: a copy of their data, and being forgotten. Only for the verified customer of the turn.</summary>
public sealed class PrivacyPlugin(ICustomerTurn turn, PrivacyDesk desk)
{
    [KernelFunction("export_data"), Description("Creates a private, time-limited download link to a copy of all the personal data held about the verified customer (subject access request).")]
    public DataExportLink ExportData()
    {
        if (turn.Customer is null)
        {
            return new DataExportLink(false, "", "");
        }
        var link = desk.CreateExportLink(turn.Db, turn.Customer.Id, PrivacyRequester.InChat(turn.Channel), turn.Now);
        return new DataExportLink(true, desk.PublicUrl(link), Formats.Date(link.ExpiresAt) + " " + link.ExpiresAt.ToString("HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
    }

    [KernelFunction("request_erasure"), Description("Marks the verified customer's account for erasure (right to be forgotten) and withdraws marketing consent; the data is erased after the grace period.")]
    public DeletionRequest RequestErasure()
    {
        if (turn.Customer is null)
        {
            return new DeletionRequest(false, "");
        }
        var due = desk.ScheduleErasure(turn.Db, turn.Customer, PrivacyRequester.InChat(turn.Channel), turn.Now);
        return new DeletionRequest(true, Formats.Date(due));
    }
}

/// <summary>Whether a link was made, the link, and until when it works.</summary>
public sealed record DataExportLink(bool Created, string Url, string ValidUntil);

public sealed record DeletionRequest(bool Marked, string EraseOn);

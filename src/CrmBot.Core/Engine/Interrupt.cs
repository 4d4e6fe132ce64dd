namespace CrmBot.Core.Engine;

/// <summary>What a message means for the dialog waiting on an answer.</summary>
public enum Interrupt
{
    /// <summary>The message is for the waiting dialog (an answer, or a wrong answer to ask again).</summary>
    None,

    /// <summary>A new request with a flow of its own: it replaces the waiting dialog.</summary>
    NewTopic,

    /// <summary>A question answered in one reply (help centre, small talk): answer it and ask the waiting question again.</summary>
    Aside,

    /// <summary>Thanks or goodbye: the customer is done with what the bot was asking.</summary>
    Closing,
}

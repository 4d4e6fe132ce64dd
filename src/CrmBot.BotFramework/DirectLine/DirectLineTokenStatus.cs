namespace CrmBot.BotFramework.DirectLine;

internal enum DirectLineTokenStatus { Valid, Expired, Invalid }

using System.Text.Json;
using CrmBot.Core.Escalations;
using CrmBot.Intelligence.Privacy;
using Microsoft.SemanticKernel;

namespace CrmBot.Core.Llm;

/// <summary>
/// Sits between the model and the shop's functions for one exchange: gives functions the real values behind the
/// placeholders the model passes, masks what they return before it goes back to the model, adds up the tokens of the
/// intermediate requests (the final one is counted by <see cref="LanguageModel"/>), and notes an escalation a function
/// opened. One per exchange; not thread-safe (Semantic Kernel runs a response's function calls one after another
/// unless told otherwise).
/// </summary>
internal sealed class ExchangeRecorder(PlaceholderMask? mask) : IFunctionInvocationFilter, IAutoFunctionInvocationFilter
{
    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public int PromptTokens { get; private set; }
    public int CompletionTokens { get; private set; }
    public int ToolCalls { get; private set; }
    public EscalationTicket? Escalation { get; private set; }

    public void AddUsage(IReadOnlyDictionary<string, object?>? metadata)
    {
        if (metadata?.GetValueOrDefault("Usage") is OpenAI.Chat.ChatTokenUsage usage)
        {
            PromptTokens += usage.InputTokenCount;
            CompletionTokens += usage.OutputTokenCount;
        }
    }

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        if (context.FunctionSequenceIndex == 0)
        {
            // The model's response that asked for the calls: counted once, however many functions it asked for.
            AddUsage(context.ChatMessageContent.Metadata);
            ToolCalls += context.ChatMessageContent.Items.OfType<Microsoft.SemanticKernel.FunctionCallContent>().Count();
        }
        await next(context);
    }

    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        if (context.Function.PluginName is null)
        {
            await next(context); // the prompt itself
            return;
        }
        if (mask is not null)
        {
            foreach (var name in context.Arguments.Names.ToList())
            {
                if (context.Arguments[name] is string text)
                {
                    context.Arguments[name] = mask.Restore(text);
                }
            }
        }
        await next(context);
        var value = context.Result.GetValue<object>();
        if (value is EscalationTicket ticket)
        {
            Escalation = ticket;
        }
        if (mask is not null && value is not null)
        {
            context.Result = new FunctionResult(context.Result, mask.Mask(JsonSerializer.Serialize(value, value.GetType(), ResultJson)));
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.ML;

namespace CrmBot.Intelligence.Classification;

/// <summary>
/// Hands each caller its own <see cref="PredictionEngine{TSrc,TDst}"/> (one engine is not thread-safe) and keeps
/// returned engines for reuse, so the pool grows to the peak number of concurrent callers and no further.
/// Thread-safe.
/// </summary>
internal sealed class PredictionEnginePool<TInput, TOutput>(MLContext context, ITransformer model)
    where TInput : class
    where TOutput : class, new()
{
    private readonly ConcurrentBag<PredictionEngine<TInput, TOutput>> idle = [];
    private readonly Lock creating = new();

    public TOutput Predict(TInput input)
    {
        if (!idle.TryTake(out var engine))
        {
            lock (creating)
            {
                engine = context.Model.CreatePredictionEngine<TInput, TOutput>(model);
            }
        }

        try
        {
            return engine.Predict(input);
        }
        finally
        {
            idle.Add(engine);
        }
    }
}

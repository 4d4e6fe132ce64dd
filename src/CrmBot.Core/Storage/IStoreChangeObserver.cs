namespace CrmBot.Core.Storage;

/// <summary>
/// Watches every save of a <see cref="CrmDbContext"/>: it looks at the changes about to be saved and says what to do
/// once they are committed. Storage knows nothing of what the changes mean; the observer (the conversation events) does.
/// </summary>
public interface IStoreChangeObserver
{
    /// <summary>
    /// Called before a save outside an explicit transaction; returns what to run after the save has committed and the
    /// write gate is open again, or null when the changes are of no interest.
    /// </summary>
    Func<CancellationToken, Task>? Collect(CrmDbContext db);
}

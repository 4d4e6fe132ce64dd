namespace CrmBot.Intelligence.Classification;

/// <summary>Deterministic stratified k-fold assignment: every label is spread evenly over the folds.</summary>
internal static class StratifiedFolds
{
    /// <summary>The fold (0 to <paramref name="folds"/> − 1) of each example, in input order.</summary>
    public static int[] Assign(IReadOnlyList<LabeledText> examples, int folds, int seed) =>
        Assign([.. examples.Select(example => example.Label)], folds, seed);

    /// <summary>The fold of each row, given the rows' labels in input order.</summary>
    public static int[] Assign(IReadOnlyList<string> labels, int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var random = new Random(seed);
        var assignment = new int[labels.Count];
        var next = 0;
        foreach (var group in labels.Select((label, index) => (Label: label, index))
                     .GroupBy(row => row.Label, StringComparer.Ordinal)
                     .OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var indices = group.Select(row => row.index).ToArray();
            random.Shuffle(indices);

            // Continue the round-robin across labels so that small labels do not all land in fold 0.
            foreach (var index in indices)
            {
                assignment[index] = next;
                next = (next + 1) % folds;
            }
        }

        return assignment;
    }

    public static (List<LabeledText> Train, List<LabeledText> Test) Split(IReadOnlyList<LabeledText> examples, int[] assignment, int fold)
    {
        var train = new List<LabeledText>(examples.Count);
        var test = new List<LabeledText>(examples.Count / 4);
        for (var i = 0; i < examples.Count; i++)
        {
            (assignment[i] == fold ? test : train).Add(examples[i]);
        }

        return (train, test);
    }
}

using System.Text;

namespace CrmBot.Intelligence.Classification;

public static partial class ChatTextNormalizer
{
    /// <summary>Joins tokens with single spaces, caps runs of the same symbol and applies negation scope.</summary>
    private struct TokenWriter(bool markNegation)
    {
        private readonly StringBuilder output = new();
        private string? previous;
        private int repeats;
        private int negated;

        public bool Shouted { get; set; }

        public void EmitWord(string word)
        {
            if (markNegation && negated > 0)
            {
                negated--;
                Append(NegatedPrefix + word);
                return;
            }

            Append(word);
            if (markNegation && Negations.Contains(word))
            {
                negated = NegationScope;
            }
        }

        public void Emit(string token)
        {
            if (token is "!" or "!!" or "?" or "??")
            {
                negated = 0;
            }

            Append(token);
        }

        /// <summary>A clause boundary (".", ",", ";", ":") ends a negation's scope.</summary>
        public void EndClause() => negated = 0;

        private void Append(string token)
        {
            if (token == previous && ++repeats >= 2 && token.Length <= 2 && !char.IsLetter(token[0]))
            {
                return;
            }

            if (token != previous)
            {
                repeats = 0;
            }

            if (output.Length > 0)
            {
                output.Append(' ');
            }

            output.Append(token);
            previous = token;
        }

        public override readonly string ToString() => output.ToString();
    }
}

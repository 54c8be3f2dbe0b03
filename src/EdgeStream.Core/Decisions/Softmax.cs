namespace EdgeStream.Core.Decisions;

/// <summary>Allocation-free helpers over a window's class scores.</summary>
public static class Softmax
{
    /// <summary>Numerically stable softmax of <paramref name="logits"/> into <paramref name="probabilities"/> (same length).</summary>
    public static void Apply(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        if (probabilities.Length < logits.Length)
        {
            throw new ArgumentException("The destination is shorter than the logits.", nameof(probabilities));
        }

        var max = float.NegativeInfinity;
        foreach (var v in logits)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var e = Math.Exp(logits[i] - max);
            probabilities[i] = (float)e;
            sum += e;
        }

        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] = (float)(probabilities[i] / sum);
        }
    }

    /// <summary>Index of the largest value (the first one on ties); -1 for an empty span.</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = -1;
        var bestValue = float.NegativeInfinity;
        for (var i = 0; i < values.Length; i++)
        {
            if (best < 0 || values[i] > bestValue)
            {
                best = i;
                bestValue = values[i];
            }
        }

        return best;
    }

    /// <summary>
    /// Fills <paramref name="indices"/> with the indices of the largest values, best first (ties: lower index first).
    /// Returns how many were written: min(indices.Length, values.Length).
    /// </summary>
    public static int TopK(ReadOnlySpan<float> values, Span<int> indices)
    {
        var k = Math.Min(indices.Length, values.Length);
        for (var n = 0; n < k; n++)
        {
            var best = -1;
            for (var i = 0; i < values.Length; i++)
            {
                if (indices[..n].Contains(i))
                {
                    continue;
                }

                if (best < 0 || values[i] > values[best])
                {
                    best = i;
                }
            }

            indices[n] = best;
        }

        return k;
    }
}

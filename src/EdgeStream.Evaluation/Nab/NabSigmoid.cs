namespace EdgeStream.Evaluation.Nab;

/// <summary>NAB's scaled sigmoid (sweeper.py), written as NAB writes it so the rounding is NAB's too.</summary>
internal static class NabSigmoid
{
    /// <summary>sigma(-1) = 0.98661...: the unweighted score of a detection at a window's first row.</summary>
    public static readonly double MaxTruePositive = Scaled(-1.0);

    /// <summary>
    /// 2·sigmoid(-5y) - 1, or -1 for y &gt; 3. y in [-1, 0) is the position inside a window (-1 its first row), y &gt; 0
    /// the distance past the last window in window widths. Past 3 widths NAB stops the curve and charges a full FP.
    /// </summary>
    public static double Scaled(double y) => y > 3.0 ? -1.0 : (2.0 * (1.0 / (1.0 + Math.Exp(5.0 * y)))) - 1.0;
}

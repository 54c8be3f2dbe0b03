namespace EdgeStream.Core.Decisions;

/// <summary>
/// The upper tail of the standard normal distribution, Q(z) = erfc(z / sqrt 2) / 2, accurate in relative terms far
/// into the tail (the likelihood rule compares Q with 1e-5). .NET has no erfc; this is the Chebyshev-fitted
/// complementary error function of Numerical Recipes (erfcc), fractional error below 1.2e-7 everywhere.
/// </summary>
public static class NormalTail
{
    private static readonly double InverseSqrt2 = 1 / Math.Sqrt(2);

    public static double Q(double z) => Erfc(z * InverseSqrt2) / 2;

    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        var poly = -z * z - 1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        var r = t * Math.Exp(poly);
        return x >= 0 ? r : 2 - r;
    }
}

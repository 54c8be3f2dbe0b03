using System.Globalization;
using System.Numerics;

namespace EdgeStream.Evaluation.Skab;

/// <summary>
/// Python's <c>round(x, n)</c>, which SKAB applies to every published number: the exact binary value of
/// <c>x</c> rounded half-to-even to <c>n</c> decimals (so <c>round(2.675, 2)</c> is 2.67: 2.675 is stored as
/// 2.67499999...). <see cref="Math.Round(double, int)"/> scales by a power of ten first and can differ in the
/// last digit, which would turn an exact reproduction into an off-by-0.01.
/// </summary>
public static class SkabRounding
{
    /// <summary><paramref name="value"/> rounded as Python's <c>round(value, digits)</c> does.</summary>
    public static double Round(double value, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        if (!double.IsFinite(value) || value == 0)
        {
            return value;
        }

        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)(bits >> 52);
        var mantissa = bits & ((1L << 52) - 1);
        if (exponent == 0)
        {
            exponent = 1; // subnormal: no implicit leading bit
        }
        else
        {
            mantissa |= 1L << 52;
        }

        var power = exponent - 1075; // |value| = mantissa * 2^power exactly
        if (power >= 0)
        {
            return value; // an integer: nothing below the decimal point to round
        }

        // |value| * 10^digits = numerator / 2^-power; round that quotient half-to-even, exactly.
        var numerator = new BigInteger(mantissa) * BigInteger.Pow(10, digits);
        var denominator = BigInteger.One << -power;
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }

        // .NET parses decimal text to the nearest double, as Python's strtod does for its rounded digits.
        var rounded = double.Parse($"{quotient}E-{digits}", NumberStyles.Float, CultureInfo.InvariantCulture);
        return value < 0 ? -rounded : rounded;
    }

    /// <summary>A value as the leaderboard prints it: rounded to 2 decimals, no trailing zeros (42.6, -3.8, 0.78, 100).</summary>
    public static string Format(double value)
    {
        var rounded = Round(value, 2);
        return double.IsNaN(rounded) ? "nan" : (rounded + 0.0).ToString("0.##", CultureInfo.InvariantCulture); // + 0.0: no "-0"
    }
}

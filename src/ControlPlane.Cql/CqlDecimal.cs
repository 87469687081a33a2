using System.Globalization;
using System.Numerics;

namespace ControlPlane.Cql;

/// <summary>
/// A CQL <c>decimal</c>: an arbitrary-precision unscaled integer and a scale (value = unscaled * 10^-scale).
/// Converts to and from <see cref="decimal"/> where the value fits.
/// </summary>
public readonly record struct CqlDecimal(BigInteger Unscaled, int Scale)
{
    public static implicit operator CqlDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        var negative = (bits[3] & unchecked((int)0x80000000)) != 0;
        var scale = (bits[3] >> 16) & 0xFF;
        return new CqlDecimal(negative ? -magnitude : magnitude, scale);
    }

    /// <summary>The value as a <see cref="decimal"/>; throws <see cref="OverflowException"/> when it does not fit.</summary>
    public decimal ToDecimal()
    {
        var unscaled = Unscaled;
        var scale = Scale;
        while (scale < 0)
        {
            unscaled *= 10;
            scale++;
        }
        while (scale > 28)
        {
            if (!BigInteger.Remainder(unscaled, 10).IsZero)
            {
                throw new OverflowException($"The decimal {this} has more than 28 digits after the point.");
            }
            unscaled /= 10;
            scale--;
        }
        var magnitude = BigInteger.Abs(unscaled);
        if (magnitude.GetBitLength() > 96)
        {
            throw new OverflowException($"The decimal {this} does not fit a System.Decimal.");
        }
        var low = (int)(uint)(magnitude & uint.MaxValue);
        var mid = (int)(uint)((magnitude >> 32) & uint.MaxValue);
        var high = (int)(uint)((magnitude >> 64) & uint.MaxValue);
        return new decimal(low, mid, high, unscaled.Sign < 0, (byte)scale);
    }

    public override string ToString()
    {
        var digits = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture);
        var sign = Unscaled.Sign < 0 ? "-" : string.Empty;
        if (Scale <= 0)
        {
            return sign + digits + new string('0', -Scale);
        }
        if (digits.Length <= Scale)
        {
            digits = new string('0', Scale - digits.Length + 1) + digits;
        }
        return sign + digits[..^Scale] + "." + digits[^Scale..];
    }
}

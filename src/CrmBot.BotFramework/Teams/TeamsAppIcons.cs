namespace CrmBot.BotFramework.Teams;

/// <summary>
/// Draws the two icons a Teams app package needs: <c>color.png</c> 192×192 (a white speech bubble on the accent colour)
/// and <c>outline.png</c> 32×32 (the same bubble in white on transparent, as Teams requires for outline icons).
/// Shapes are sampled 4×4 per pixel so edges are anti-aliased.
/// </summary>
internal static class TeamsAppIcons
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;

    private const int Samples = 4;

    public static byte[] Color(byte red, byte green, byte blue)
    {
        var pixels = new byte[ColorSize * ColorSize * 4];
        for (var y = 0; y < ColorSize; y++)
        {
            for (var x = 0; x < ColorSize; x++)
            {
                // White where the bubble is, accent elsewhere (including the three dots inside the bubble).
                var white = Coverage(x, y, ColorSize, (u, v) => InBubble(u, v) && !InDots(u, v));
                var i = (y * ColorSize + x) * 4;
                pixels[i] = Blend(red, 255, white);
                pixels[i + 1] = Blend(green, 255, white);
                pixels[i + 2] = Blend(blue, 255, white);
                pixels[i + 3] = 255;
            }
        }

        return PngEncoder.Encode(ColorSize, ColorSize, pixels);
    }

    public static byte[] Outline()
    {
        var pixels = new byte[OutlineSize * OutlineSize * 4];
        for (var y = 0; y < OutlineSize; y++)
        {
            for (var x = 0; x < OutlineSize; x++)
            {
                var alpha = Coverage(x, y, OutlineSize, (u, v) => InBubble(u, v) && !InDots(u, v));
                var i = (y * OutlineSize + x) * 4;
                pixels[i] = pixels[i + 1] = pixels[i + 2] = 255;
                pixels[i + 3] = (byte)Math.Round(alpha * 255);
            }
        }

        return PngEncoder.Encode(OutlineSize, OutlineSize, pixels);
    }

    /// <summary>Fraction of the pixel's sub-samples inside the shape; u and v run 0..1 across the icon.</summary>
    private static double Coverage(int x, int y, int size, Func<double, double, bool> inside)
    {
        var hits = 0;
        for (var sy = 0; sy < Samples; sy++)
        {
            for (var sx = 0; sx < Samples; sx++)
            {
                if (inside((x + (sx + 0.5) / Samples) / size, (y + (sy + 0.5) / Samples) / size))
                {
                    hits++;
                }
            }
        }

        return hits / (double)(Samples * Samples);
    }

    private static bool InBubble(double u, double v) => InRoundedRect(u, v, 0.14, 0.2, 0.86, 0.68, 0.12) || InTail(u, v);

    private static bool InRoundedRect(double u, double v, double left, double top, double right, double bottom, double radius)
    {
        if (u < left || u > right || v < top || v > bottom)
        {
            return false;
        }

        var cx = Math.Clamp(u, left + radius, right - radius);
        var cy = Math.Clamp(v, top + radius, bottom - radius);
        return (u - cx) * (u - cx) + (v - cy) * (v - cy) <= radius * radius;
    }

    /// <summary>The bubble's tail: a triangle below its lower-left part.</summary>
    private static bool InTail(double u, double v)
    {
        (double X, double Y) a = (0.28, 0.6), b = (0.48, 0.6), c = (0.24, 0.86);
        var d1 = Side(u, v, a, b);
        var d2 = Side(u, v, b, c);
        var d3 = Side(u, v, c, a);
        return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
    }

    private static double Side(double u, double v, (double X, double Y) p, (double X, double Y) q) => (u - q.X) * (p.Y - q.Y) - (p.X - q.X) * (v - q.Y);

    private static bool InDots(double u, double v)
    {
        const double radius = 0.055, centreY = 0.44;
        foreach (var centreX in (ReadOnlySpan<double>)[0.32, 0.5, 0.68])
        {
            if ((u - centreX) * (u - centreX) + (v - centreY) * (v - centreY) <= radius * radius)
            {
                return true;
            }
        }

        return false;
    }

    private static byte Blend(byte background, byte foreground, double amount) => (byte)Math.Round(background + (foreground - background) * amount);
}

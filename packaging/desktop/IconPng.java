import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws the application icon (packaging/desktop/seiswork.png): nine wiggle traces crossing a
 * curved reflector, each a Ricker wavelet with its positive lobe filled, as a seismic section
 * shows them. Run once with `java packaging/desktop/IconPng.java packaging/desktop/seiswork.png`;
 * the PNG is committed so that packaging needs no display.
 */
public class IconPng {
    public static void main(String[] args) throws Exception {
        int size = 256;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(new Color(0x1b2a3a));
        g.fill(new RoundRectangle2D.Double(8, 8, size - 16, size - 16, 48, 48));

        int traces = 9;
        double left = 40, right = size - 40, top = 28, bottom = size - 28;
        double spacing = (right - left) / (traces - 1);
        for (int i = 0; i < traces; i++) {
            double x0 = left + i * spacing;
            double offset = (i - (traces - 1) / 2.0) / ((traces - 1) / 2.0);
            double arrival = 150 - 60 * (1 - offset * offset);       // a diffraction-like curve, pixels
            Path2D wiggle = new Path2D.Double();
            Path2D positive = new Path2D.Double();
            positive.moveTo(x0, top);
            for (double y = top; y <= bottom; y += 0.5) {
                double t = (y - arrival) / 14.0;
                double ricker = (1 - 2 * t * t) * Math.exp(-t * t);
                double x = x0 + 0.7 * spacing * ricker;
                if (y == top) {
                    wiggle.moveTo(x, y);
                } else {
                    wiggle.lineTo(x, y);
                }
                positive.lineTo(Math.max(x, x0), y);
            }
            positive.lineTo(x0, bottom);
            positive.closePath();
            g.setColor(new Color(0xe8734a));
            g.fill(positive);
            g.setColor(new Color(0xe9eef3));
            g.setStroke(new BasicStroke(2.2f));
            g.draw(wiggle);
        }
        g.dispose();
        ImageIO.write(image, "png", new File(args[0]));
    }
}

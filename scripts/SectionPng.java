import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.velocity.RawVelocityReader;
import io.seiswork.core.velocity.VelocityModel;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Draws 2D depth sections as one PNG, panels stacked top to bottom, for docs and eyeballing.
 *
 * <pre>
 * java -cp "app/target/seiswork-app.jar:app/target/lib/*" scripts/SectionPng.java OUT.png PANEL...
 *   PANEL = segy:FILE:TITLE[:PCT[:GAIN[:IL]]]   inline IL (default the first) of an image volume, grey,
 *                                               times a display depth gain (z / z_max)^GAIN (default 0:
 *                                               none), clipped at the PCT percentile of |a| (default 99)
 *         | raw:FILE:NX:NZ:H:SCALE:TITLE        a raw float32 velocity (z fastest), colour, min..max, m/s
 * </pre>
 *
 * One pixel per grid node; x to the right, depth down; titles must not contain ':'. Run by
 * scripts/section-png.sh.
 */
public class SectionPng {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SectionPng OUT.png segy:FILE:TITLE | raw:FILE:NX:NZ:H:SCALE:TITLE ...");
            System.exit(2);
        }
        List<BufferedImage> panels = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] p = args[i].split(":", -1);
            if (p[0].equals("segy")) {
                panels.add(segy(Path.of(p[1]), p.length > 3 ? Double.parseDouble(p[3]) : 99,
                        p.length > 4 ? Double.parseDouble(p[4]) : 0, p.length > 5 ? Integer.parseInt(p[5]) : -1));
                titles.add(p[2]);
            } else if (p[0].equals("raw")) {
                int nx = Integer.parseInt(p[2]);
                int nz = Integer.parseInt(p[3]);
                double h = Double.parseDouble(p[4]);
                double scale = Double.parseDouble(p[5]);
                panels.add(raw(Path.of(p[1]), nx, nz, h, scale));
                titles.add(p[6]);
            } else {
                throw new IllegalArgumentException("panel must start with segy: or raw:, got " + args[i]);
            }
        }
        int bar = 22;
        int w = panels.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
        int h = panels.stream().mapToInt(b -> b.getHeight() + bar).sum();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        int y = 0;
        for (int i = 0; i < panels.size(); i++) {
            g.setColor(Color.BLACK);
            g.drawString(titles.get(i), 6, y + 16);
            y += bar;
            g.drawImage(panels.get(i), 0, y, null);
            y += panels.get(i).getHeight();
        }
        g.dispose();
        javax.imageio.ImageIO.write(out, "png", new File(args[0]));
        System.err.println("wrote " + args[0] + " (" + w + " x " + h + ")");
    }

    /** First inline of a depth volume: traces are columns, grey map clipped at a percentile of |a|. */
    private static BufferedImage segy(Path file, double percentile, double gain, int inline) {
        try (SegyReader r = SegyReader.open(file)) {
            int nz = r.samplesPerTrace();
            int wanted = inline < 0 ? r.header(0).getInt32(189) : inline;
            long first = 0;
            while (first < r.traceCount() && r.header(first).getInt32(189) != wanted) {
                first++;
            }
            int nx = 0;
            while (first + nx < r.traceCount() && r.header(first + nx).getInt32(189) == wanted) {
                nx++;
            }
            if (nx == 0) {
                throw new IllegalArgumentException(file + " has no inline " + wanted);
            }
            float[][] a = new float[nx][];
            for (int ix = 0; ix < nx; ix++) {
                a[ix] = r.readTrace(first + ix);
                for (int iz = 0; iz < nz; iz++) {
                    a[ix][iz] *= (float) Math.pow((double) iz / (nz - 1), gain);
                }
            }
            float[] abs = new float[nx * nz];
            int k = 0;
            for (float[] t : a) {
                for (float v : t) {
                    abs[k++] = Math.abs(v);
                }
            }
            Arrays.sort(abs);
            float clip = abs[(int) (percentile / 100 * (abs.length - 1))];
            BufferedImage img = new BufferedImage(nx, nz, BufferedImage.TYPE_INT_RGB);
            for (int ix = 0; ix < nx; ix++) {
                for (int iz = 0; iz < nz; iz++) {
                    double v = Math.max(-1, Math.min(1, a[ix][iz] / clip));
                    int grey = (int) Math.round(127.5 * (1 - v));
                    img.setRGB(ix, iz, new Color(grey, grey, grey).getRGB());
                }
            }
            return img;
        }
    }

    /** A raw velocity section, colour from slow (blue) to fast (red). */
    private static BufferedImage raw(Path file, int nx, int nz, double h, double scale) throws Exception {
        VelocityModel m = RawVelocityReader.read(file, Grid.of2d(nx, nz, h), "zxy", ByteOrder.LITTLE_ENDIAN);
        float min = m.min();
        float max = m.max();
        BufferedImage img = new BufferedImage(nx, nz, BufferedImage.TYPE_INT_RGB);
        for (int ix = 0; ix < nx; ix++) {
            for (int iz = 0; iz < nz; iz++) {
                double t = (m.at(ix, 0, iz) - min) / (max - min);
                img.setRGB(ix, iz, Color.HSBtoRGB((float) (0.67 * (1 - t)), 0.85f, 0.95f));
            }
        }
        return img;
    }
}

package io.seiswork.core.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.geometry.Position;
import java.nio.ByteOrder;

/**
 * Writes a {@link JobSpec} back to JSON in the same schema {@link JobSpecReader} reads, with every
 * default spelled out: the "resolved spec" of {@code run.json}, which reproduces the run when read
 * again.
 */
public final class JobSpecWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JobSpecWriter() {
    }

    public static ObjectNode toJson(JobSpec s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", s.name());
        o.put("task", s.task().json());
        ObjectNode g = o.putObject("grid");
        g.put("nx", s.grid().nx()).put("ny", s.grid().ny()).put("nz", s.grid().nz());
        g.put("dx", s.grid().dx()).put("dy", s.grid().dy()).put("dz", s.grid().dz());
        o.set("velocity", velocity(s.velocity()));
        o.set("migrationVelocity", velocity(s.migrationVelocity()));
        ObjectNode w = o.putObject("wavelet");
        w.put("type", s.wavelet().type()).put("peakHz", s.wavelet().peakHz());
        if (s.wavelet().delayS() != null) {
            w.put("delayS", s.wavelet().delayS());
        }
        ObjectNode t = o.putObject("time");
        t.put("lengthS", s.time().lengthS()).put("sampleS", s.time().sampleS());
        if (s.time().dtS() != null) {
            t.put("dtS", s.time().dtS());
        }
        o.set("sources", layout(s.sources()));
        ObjectNode r = layout(s.receivers());
        switch (s.spread()) {
            case Spread.Fixed f -> r.put("spread", "fixed");
            case Spread.Moving m -> r.putObject("spread").putObject("moving")
                    .put("minOffset", m.minOffsetM()).put("maxOffset", m.maxOffsetM());
        }
        o.set("receivers", r);
        o.put("data", s.data());
        ObjectNode p = o.putObject("physics");
        p.put("spaceOrder", s.physics().spaceOrder());
        p.putObject("boundary").put("type", s.physics().boundaryType()).put("width", s.physics().boundaryWidth());
        p.put("freeSurface", s.physics().freeSurface());
        ObjectNode i = o.putObject("imaging");
        i.put("condition", s.imaging().condition()).put("laplacianFilter", s.imaging().laplacianFilter())
                .put("wavefield", s.imaging().wavefield());
        if (s.imaging().apertureM() != null) {
            i.put("aperture", s.imaging().apertureM());
        }
        o.put("engine", s.engine().json());
        return o;
    }

    private static ObjectNode velocity(VelocitySpec v) {
        ObjectNode o = MAPPER.createObjectNode();
        switch (v) {
            case VelocitySpec.Constant c -> o.put("constant", c.vMps());
            case VelocitySpec.Layers l -> {
                ArrayNode a = o.putArray("layers");
                l.layers().forEach(layer -> a.addObject().put("top", layer.topM()).put("vp", layer.vMps()));
            }
            case VelocitySpec.Raw r -> o.putObject("raw").put("path", r.path()).put("order", r.order())
                    .put("endian", r.endian() == ByteOrder.BIG_ENDIAN ? "big" : "little").put("scale", r.scale());
            case VelocitySpec.Segy s -> o.put("segy", s.path());
            case VelocitySpec.Builtin b -> o.put("builtin", b.name());
            case VelocitySpec.Smoothed s -> o.put("smooth", s.lengthM());
        }
        return o;
    }

    private static ObjectNode layout(Layout layout) {
        ObjectNode o = MAPPER.createObjectNode();
        switch (layout) {
            case Layout.Line l -> o.putObject("line").put("x0", l.x0M()).put("dx", l.dxM()).put("n", l.n())
                    .put("y", l.yM()).put("z", l.zM());
            case Layout.Areal a -> o.putObject("grid").put("x0", a.x0M()).put("dx", a.dxM()).put("nx", a.nx())
                    .put("y0", a.y0M()).put("dy", a.dyM()).put("ny", a.ny()).put("z", a.zM());
            case Layout.Points p -> {
                ArrayNode arr = o.putArray("list");
                for (Position q : p.points()) {
                    arr.addArray().add(q.x()).add(q.y()).add(q.z());
                }
            }
        }
        return o;
    }
}

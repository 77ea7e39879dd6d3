package io.seiswork.app.testing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tests' small 2D job spec as JSON: a line of shots over a flat reflector (1500 m/s above,
 * 2200 m/s below) on an 81 x 41 grid of 10 m cells, a second or two a run on two cores. Each test
 * states only what it varies ({@code SmallSpec.named("resume").shots(100, 200, 4).json()}); every
 * method returns a new spec, so that a class's spec can be varied per test without being copied.
 *
 * <p>One member a line, in the layout the tests' text edits expect ({@code "task": "model"},
 * {@code "name": "x",}, {@code "lengthS": 0.4}): a test that makes the spec wrong on purpose
 * replaces such a piece of {@link #json()}.
 */
public final class SmallSpec {

    private String name;
    private String task = "model";
    private int nx = 81;
    private int nz = 41;
    private String velocity = layers(250);
    private double peakHz = 15;
    private double lengthS = 0.4;
    private String sources = line(100, 200, 4, 20);
    private String receivers = line(0, 10, 81, 20);
    private String spread;
    /** Members after the receivers, in the order given: "data", "migrationVelocity", "physics", "engine"... */
    private final Map<String, String> more = new LinkedHashMap<>();

    private SmallSpec(String name) {
        this.name = name;
    }

    private SmallSpec(SmallSpec s) {
        name = s.name;
        task = s.task;
        nx = s.nx;
        nz = s.nz;
        velocity = s.velocity;
        peakHz = s.peakHz;
        lengthS = s.lengthS;
        sources = s.sources;
        receivers = s.receivers;
        spread = s.spread;
        more.putAll(s.more);
    }

    /** A modelling job named {@code name}: 4 shots from x = 100 m every 200 m, 81 receivers every 10 m, 0.4 s. */
    public static SmallSpec named(String name) {
        return new SmallSpec(name);
    }

    /** A migration of {@code data} ("synthetic": modelled first; or a SEG-Y file's name). */
    public SmallSpec rtm(String data) {
        return task("rtm").with("data", quoted(data));
    }

    /** The task, "model" or "rtm". */
    public SmallSpec task(String task) {
        SmallSpec s = new SmallSpec(this);
        s.task = task;
        return s;
    }

    public SmallSpec grid(int nx, int nz) {
        SmallSpec s = new SmallSpec(this);
        s.nx = nx;
        s.nz = nz;
        return s;
    }

    /** Two layers, 1500 m/s above {@code depthM} metres and 2200 m/s below. */
    public SmallSpec reflectorAt(double depthM) {
        return velocity(layers(depthM));
    }

    /** The velocity model as the spec's JSON: {@code { "constant": 2000 }}. */
    public SmallSpec velocity(String json) {
        SmallSpec s = new SmallSpec(this);
        s.velocity = json;
        return s;
    }

    public SmallSpec peakHz(double hz) {
        SmallSpec s = new SmallSpec(this);
        s.peakHz = hz;
        return s;
    }

    public SmallSpec lengthS(double seconds) {
        SmallSpec s = new SmallSpec(this);
        s.lengthS = seconds;
        return s;
    }

    /** A line of {@code n} shots from {@code x0} metres, {@code dx} apart, 20 m deep. */
    public SmallSpec shots(double x0, double dx, int n) {
        SmallSpec s = new SmallSpec(this);
        s.sources = line(x0, dx, n, 20);
        return s;
    }

    /** A line of {@code n} receivers from {@code x0} metres, {@code dx} apart, {@code z} metres deep. */
    public SmallSpec receivers(double x0, double dx, int n, double z) {
        SmallSpec s = new SmallSpec(this);
        s.receivers = line(x0, dx, n, z);
        return s;
    }

    /** The receivers' spread as the spec's JSON: {@code { "moving": { "minOffset": 0, "maxOffset": 300 } }}. */
    public SmallSpec spread(String json) {
        SmallSpec s = new SmallSpec(this);
        s.spread = json;
        return s;
    }

    /** One more member, {@code key} with its value as JSON, after those given before. */
    public SmallSpec with(String key, String json) {
        SmallSpec s = new SmallSpec(this);
        s.more.put(key, json);
        return s;
    }

    /** {@code "engine": "cpu"}, as the desktop's and the runners' tests run. */
    public SmallSpec onCpu() {
        return with("engine", quoted("cpu"));
    }

    /** The spec's text. */
    public String json() {
        StringBuilder b = new StringBuilder("{\n");
        member(b, "name", quoted(name));
        member(b, "task", quoted(task));
        member(b, "grid", "{ \"nx\": " + nx + ", \"nz\": " + nz + ", \"dx\": 10, \"dz\": 10 }");
        member(b, "velocity", velocity);
        member(b, "wavelet", "{ \"peakHz\": " + number(peakHz) + " }");
        member(b, "time", "{ \"lengthS\": " + number(lengthS) + ", \"sampleS\": 0.004 }");
        member(b, "sources", "{ \"line\": " + sources + " }");
        member(b, "receivers", "{ \"line\": " + receivers + (spread == null ? "" : ", \"spread\": " + spread) + " }");
        more.forEach((k, v) -> member(b, k, v));
        b.setLength(b.length() - 2);  // the last member's ",\n"
        return b.append("\n}\n").toString();
    }

    @Override
    public String toString() {
        return json();
    }

    private static void member(StringBuilder b, String key, String json) {
        b.append("  ").append(quoted(key)).append(": ").append(json).append(",\n");
    }

    private static String layers(double depthM) {
        return "{ \"layers\": [ { \"top\": 0, \"vp\": 1500 }, { \"top\": " + number(depthM) + ", \"vp\": 2200 } ] }";
    }

    private static String line(double x0, double dx, int n, double z) {
        return "{ \"x0\": " + number(x0) + ", \"dx\": " + number(dx) + ", \"n\": " + n + ", \"z\": " + number(z) + " }";
    }

    /** As the tests write numbers: 15, 0.4, never 15.0. */
    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** {@code s} as a JSON string. */
    public static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

}

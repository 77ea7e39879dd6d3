package io.seiswork.core.segy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Header fields that disagree with each other or with the samples, found cheaply (the first
 * trace header and a few traces), for a warning: the file is still read as its binary header
 * says. Two checks:
 *
 * <ul>
 *   <li>the first trace header's sample count (115) is set and differs from the count used
 *       (binary header 3221, or 3269 in rev 2), which is then named;
 *   <li>the samples of a file whose binary header says IBM (format 1) or IEEE (5) floats look
 *       like the other: most read as NaN, infinite or of absurd size (beyond 1e-30 .. 1e30)
 *       while the other reading gives sizes in range; or, for IEEE, none of hundreds of non-zero
 *       samples (64 distinct or more) spread over more than a factor 16 has the bit pattern a normalised IBM float
 *       cannot make (an even IEEE exponent with the mantissa's top 3 bits 0, the IBM fraction's
 *       leading hex digit 0), which IEEE data over such a range shows in about 8 % of samples.
 * </ul>
 *
 * <p>Some mislabellings cannot be told from the bytes: IBM data whose values stay within a factor
 * 16 (segyio's small.sgy, 1.2 .. 5.24, reads as IEEE 9.2 .. 13.24, which are IEEE floats just as
 * valid) pass, as does IEEE data labelled IBM unless its IBM reading is absurd: a genuine IBM
 * file may hold 9 % non-normalised words (ObsPy's 00001034.sgy), as IEEE data read as IBM would.
 */
public final class HeaderConsistency {

    /** Traces checked, spread evenly over the file (first and last included). */
    static final int TRACES = 8;

    /** Samples checked per trace at most. */
    static final int SAMPLES = 4096;

    /** Fewer non-zero samples than this give no verdict on absurd sizes. */
    static final int MIN_SAMPLES_FOR_SIZES = 32;

    /** Fewer non-zero samples than this give no verdict on the IBM bit pattern (0.92^256 ≈ 6e-10). */
    static final int MIN_SAMPLES_FOR_PATTERN = 256;

    /**
     * Fewer distinct non-zero words than this give no verdict on the bit pattern: a blocky model of
     * a few values (1000 and 20000 m/s) may avoid it by chance.
     */
    static final int MIN_DISTINCT_FOR_PATTERN = 64;

    /** Sizes outside this range count as absurd. */
    private static final double SMALLEST = 1e-30;
    private static final double LARGEST = 1e30;

    private HeaderConsistency() {
    }

    /** What disagrees in {@code r}'s file, one sentence each without the file's name; empty when nothing does. */
    public static List<String> warnings(SegyReader r) {
        List<String> out = new ArrayList<>();
        if (r.binaryHeader() == null || r.traceCount() == 0) {
            return out;  // SU: the sample count is the first trace header's, the format IEEE by definition
        }
        sampleCountWarning(r).ifPresent(out::add);
        if (r.format() == SampleFormat.IBM32 || r.format() == SampleFormat.IEEE32) {
            formatWarning(r).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<String> sampleCountWarning(SegyReader r) {
        int used = r.samplesPerTrace();
        int inTrace = r.header(0).sampleCount();
        if (inTrace == 0 || inTrace == used) {
            return Optional.empty();
        }
        String from = r.binaryHeader().sampleCount() == used ? "the binary header's (bytes 3221–3222)"
                : "the binary header's rev-2 count (bytes 3269–3272)";
        long payload = r.traceCount() * (r.traceHeaderBytes() + (long) used * r.format().bytesPerSample());
        boolean otherFits = payload % (r.traceHeaderBytes() + (long) inTrace * r.format().bytesPerSample()) == 0;
        return Optional.of("the first trace header says " + inTrace + " samples per trace (bytes 115–116),"
                + " the binary header " + used + ": " + used + " is used, " + from + (otherFits
                        ? "; the file's size fits both, so the traces may hold " + inTrace
                        : ", the count the file's size fits"));
    }

    private static Optional<String> formatWarning(SegyReader r) {
        Tally t = new Tally();
        long n = r.traceCount();
        int picks = (int) Math.min(TRACES, n);
        for (int k = 0; k < picks; k++) {
            long trace = picks == 1 ? 0 : k * (n - 1) / (picks - 1);
            for (int w : r.sampleWords(trace, SAMPLES)) {
                t.add(w);
            }
        }
        boolean declaredIeee = r.format() == SampleFormat.IEEE32;
        SampleFormat other = declaredIeee ? SampleFormat.IBM32 : SampleFormat.IEEE32;
        String head = "the samples look like " + name(other) + ", not " + name(r.format()) + " as the binary header"
                + " says (bytes 3225–3226): of " + t.nonZero + " non-zero samples in " + picks + " traces, ";
        String ranges = "; read as IEEE their sizes run " + t.ieee.range() + ", as IBM " + t.ibm.range();
        if (t.nonZero >= MIN_SAMPLES_FOR_SIZES) {
            long badDeclared = declaredIeee ? t.ieee.absurd : t.ibm.absurd;
            long badOther = declaredIeee ? t.ibm.absurd : t.ieee.absurd;
            if (badDeclared > 0.9 * t.nonZero && badOther < 0.1 * t.nonZero) {
                return Optional.of(head + percent(badDeclared, t.nonZero) + " read as " + shortName(r.format())
                        + " are NaN, infinite or of absurd size (beyond 1e-30 .. 1e30), " + percent(badOther, t.nonZero)
                        + " read as " + shortName(other) + ranges);
            }
        }
        if (declaredIeee && t.nonZero >= MIN_SAMPLES_FOR_PATTERN && t.distinct.size() >= MIN_DISTINCT_FOR_PATTERN
                && t.ibmUnnormalised == 0 && t.ieee.spread() >= 16) {
            return Optional.of(head + "none has the bit pattern IBM floats cannot make (an even exponent with"
                    + " the mantissa's top 3 bits 0), which IEEE data over more than a factor 16 has in about 8 %"
                    + ranges);
        }
        return Optional.empty();
    }

    private static String name(SampleFormat f) {
        return f == SampleFormat.IBM32 ? "IBM floats (format 1)" : "IEEE floats (format 5)";
    }

    private static String shortName(SampleFormat f) {
        return f == SampleFormat.IBM32 ? "IBM" : "IEEE";
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
    }

    /** Counts over the non-zero words checked, under both readings. */
    private static final class Tally {
        long nonZero;
        long ibmUnnormalised;
        final Set<Integer> distinct = new HashSet<>();
        final Sizes ieee = new Sizes();
        final Sizes ibm = new Sizes();

        void add(int w) {
            if ((w & 0x7FFFFFFF) == 0) {
                return;  // ±0 in both formats
            }
            nonZero++;
            if (distinct.size() < MIN_DISTINCT_FOR_PATTERN) {
                distinct.add(w);
            }
            int fraction = w & 0x00FFFFFF;
            if (fraction >>> 20 == 0) {
                ibmUnnormalised++;
            }
            ieee.add(Math.abs((double) Float.intBitsToFloat(w)));
            // fraction / 2^24 * 16^(exponent - 64), in double: IBM's range (1e-78 .. 7e75) is beyond float's.
            ibm.add(Math.scalb((double) fraction, 4 * ((w >>> 24) & 0x7F) - 256 - 24));
        }
    }

    /** The sizes of one reading: how many are absurd, and the smallest and largest of the others. */
    private static final class Sizes {
        long absurd;
        double min = Double.POSITIVE_INFINITY;
        double max;

        void add(double size) {
            if (!(size >= SMALLEST && size <= LARGEST)) {  // NaN included
                absurd++;
            } else {
                min = Math.min(min, size);
                max = Math.max(max, size);
            }
        }

        double spread() {
            return max > 0 ? max / min : 0;
        }

        String range() {
            return max > 0 ? number(min) + " .. " + number(max) : "(none in range)";
        }

        private static String number(double v) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
    }
}

package io.seiswork.core.spec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one spec while it is read and checked, so all are reported at once. */
final class Problems {

    /**
     * Significant digits {@link #num(double)} writes: enough for any measurement a spec holds
     * (a millimetre in 1000 km), few enough to drop the residue of floating-point sums (about 16 digits).
     */
    static final int DIGITS = 10;
    /** The smallest magnitude {@link #num} writes in plain decimals (a micrometre, a microsecond). */
    static final double PLAIN_MIN = 1e-6;
    /** The smallest magnitude {@link #num} writes in scientific notation: more digits than a double holds. */
    static final double PLAIN_MAX = 1e15;

    private final List<SpecProblem> list = new ArrayList<>();

    /**
     * Errors that leave the spec whole, so that the resolver's checks can still run on it
     * (a source outside the grid, {@code time.dtS} above {@code time.sampleS}). Only reading counts
     * them ({@link JobSpecReader}'s section readers record them, its walk asks
     * {@link #onlyIndependentErrors} whether the spec read is whole); the resolver's Problems never
     * records one, and its count stays 0 and means nothing there. It lives here, not in the reader,
     * because the section readers share only this Problems.
     */
    private int independentErrors;

    void error(String path, String message) {
        list.add(SpecProblem.error(path, message));
    }

    /** An error that leaves the spec whole: see {@link #independentErrors}. */
    void independentError(String path, String message) {
        error(path, message);
        independentErrors++;
    }

    /** Whether every error recorded leaves the spec whole ({@link #independentError}): the spec read is complete. */
    boolean onlyIndependentErrors() {
        return list.stream().filter(SpecProblem::isError).count() == independentErrors;
    }

    /** An error of this machine's limit, not of the spec ({@link SpecProblem#machineLimit}). */
    void machineLimit(String path, String message) {
        list.add(SpecProblem.machineLimit(path, message));
    }

    /** Problems found before (reading the spec), reported with these. */
    void addAll(List<SpecProblem> earlier) {
        list.addAll(earlier);
    }

    void warning(String path, String message) {
        list.add(SpecProblem.warning(path, message));
    }

    boolean hasErrors() {
        return list.stream().anyMatch(SpecProblem::isError);
    }

    List<SpecProblem> all() {
        return List.copyOf(list);
    }

    /** Throws a {@link SpecException} with every problem when any of them is an error. */
    void throwIfErrors(String source) {
        if (hasErrors()) {
            throw new SpecException(source, list);
        }
    }

    /**
     * Formats a number for messages as a person writes it: rounded to {@value #DIGITS} significant
     * digits, so that the float residue of sums such as (n - 1) x d reads 3000, not 2999.9999999999995,
     * and 1e-298, not 1.0000000000000001e-298; then in its shortest form, without trailing zeros or a
     * trailing ".0" (a value with fewer digits, 0.1 or 32.7675, is written exactly as given). In plain
     * decimals (0.0005, not 5.0E-4); below {@value #PLAIN_MIN} and from {@value #PLAIN_MAX} on in
     * scientific notation (1e-300, not 300 zeros).
     *
     * <p>A message that sets a value against a limit it breaks writes both with {@link #num(double, double)},
     * which never rounds a real difference away.
     */
    static String num(double v) {
        return withDigits(v, DIGITS);
    }

    /**
     * {@code v} written with just enough significant digits (at least {@value #DIGITS}) to tell it from
     * {@code other}, as {@link #num(double)} otherwise: for a value and the limit it breaks, each written
     * with the other as {@code other} ({@code "must be <= " + num(max, got) + ", got " + num(got, max)}).
     * Both get the same digits, and rounding keeps order, so 1000.0000001 past a limit of 1000 reads
     * "1000.0000001", never "1000", and never on the wrong side of the limit as written; equal values
     * read alike.
     */
    static String num(double v, double other) {
        return withDigits(v, digitsApart(v, other));
    }

    /**
     * The fewest significant digits, from {@value #DIGITS} up to 17 (which tell any two doubles apart),
     * at which {@code a} and {@code b} are written differently; {@value #DIGITS} when they are equal
     * or not finite.
     */
    static int digitsApart(double a, double b) {
        if (a == b || !Double.isFinite(a) || !Double.isFinite(b)) {
            return DIGITS;
        }
        for (int digits = DIGITS; digits < 17; digits++) {
            if (rounded(a, digits).compareTo(rounded(b, digits)) != 0) {
                return digits;
            }
        }
        return 17;
    }

    /** {@code v} rounded to {@code digits} significant digits and written as {@link #num(double)} says. */
    private static String withDigits(double v, int digits) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        BigDecimal r = rounded(v, digits);
        if (r.signum() == 0) {
            return "0";
        }
        BigDecimal a = r.abs();
        if (a.compareTo(BigDecimal.valueOf(PLAIN_MIN)) >= 0 && a.compareTo(BigDecimal.valueOf(PLAIN_MAX)) < 0) {
            return r.toPlainString();
        }
        // 1e-300, -2.5e-7, 1.5e20: the digits with a point after the first, then the power of ten.
        String d = r.unscaledValue().abs().toString();
        int exponent = d.length() - 1 - r.scale();
        return (r.signum() < 0 ? "-" : "") + d.charAt(0) + (d.length() > 1 ? "." + d.substring(1) : "") + "e" + exponent;
    }

    /**
     * {@code v} to {@code digits} significant digits, without trailing zeros. It starts from the shortest
     * decimal that reads back as {@code v} ({@link BigDecimal#valueOf(double)}), so that a value given
     * with few digits stays exactly as given.
     */
    private static BigDecimal rounded(double v, int digits) {
        return BigDecimal.valueOf(v).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

}

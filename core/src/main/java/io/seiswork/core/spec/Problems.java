package io.seiswork.core.spec;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one spec while it is read and checked, so all are reported at once. */
final class Problems {

    /** The smallest magnitude {@link #num} writes in plain decimals (a micrometre, a microsecond). */
    static final double PLAIN_MIN = 1e-6;
    /** The smallest magnitude {@link #num} writes in scientific notation: more digits than a double holds. */
    static final double PLAIN_MAX = 1e15;

    private final List<SpecProblem> list = new ArrayList<>();

    void error(String path, String message) {
        list.add(SpecProblem.error(path, message));
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
     * Formats a number for messages without a trailing ".0" on whole values and in plain decimals
     * (0.0005, not 5.0E-4), with the digits of {@link Double#toString}; below {@value #PLAIN_MIN}
     * and from {@value #PLAIN_MAX} on in scientific notation (1e-300, not 300 zeros).
     */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (v != 0 && (a < PLAIN_MIN || a >= PLAIN_MAX)) {
            // Double.toString's 1.0E-300 as 1e-300, 1.5E20 as 1.5e20.
            return Double.toString(v).replace(".0E", "E").replace('E', 'e');
        }
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

}

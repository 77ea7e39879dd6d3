package io.seiswork.core.spec;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one spec while it is read and checked, so all are reported at once. */
final class Problems {

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
     * (0.0005, not 5.0E-4), with the digits of {@link Double#toString}.
     */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}

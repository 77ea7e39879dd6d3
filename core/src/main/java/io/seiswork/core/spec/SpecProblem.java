package io.seiswork.core.spec;

import java.util.List;

/**
 * One thing wrong with a job spec, located by the JSON path of the field (for example
 * {@code grid.dx} or {@code sources.list[3]}).
 *
 * @param path JSON path of the offending field, dot-separated, with [i] for array elements
 * @param message what is wrong and the limit, for example {@code must be > 0, got -5}
 * @param severity whether the run may go ahead
 * @param machineLimit whether the problem is this machine's limit (its memory) rather than the
 *     spec's: the same job may run on a larger machine, such as the cloud's workers
 */
public record SpecProblem(String path, String message, Severity severity, boolean machineLimit) {

    /** Errors stop the run before any compute starts; warnings are reported and the run goes on. */
    public enum Severity { ERROR, WARNING }

    public static SpecProblem error(String path, String message) {
        return new SpecProblem(path, message, Severity.ERROR, false);
    }

    /** An error because the job needs more than the machine that checks it has (its memory budget). */
    public static SpecProblem machineLimit(String path, String message) {
        return new SpecProblem(path, message, Severity.ERROR, true);
    }

    public static SpecProblem warning(String path, String message) {
        return new SpecProblem(path, message, Severity.WARNING, false);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * "1 problem", "3 problems and 1 warning", "2 warnings": errors and warnings counted apart, so
     * that a warning is never counted as a problem (the run goes on past warnings). The words of
     * {@code run --check}'s heading and of the desktop's spec editor.
     */
    public static String counted(List<SpecProblem> found) {
        long errors = found.stream().filter(SpecProblem::isError).count();
        long warnings = found.size() - errors;
        String e = errors + (errors == 1 ? " problem" : " problems");
        String w = warnings + (warnings == 1 ? " warning" : " warnings");
        return errors == 0 ? w : warnings == 0 ? e : e + " and " + w;
    }

    @Override
    public String toString() {
        return (severity == Severity.WARNING ? "warning: " : "") + path + ": " + message;
    }
}

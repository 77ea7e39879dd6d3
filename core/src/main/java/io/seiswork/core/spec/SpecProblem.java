package io.seiswork.core.spec;

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

    @Override
    public String toString() {
        return (severity == Severity.WARNING ? "warning: " : "") + path + ": " + message;
    }
}

package io.seiswork.core.spec;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A job spec that cannot run. Carries every error found, not just the first, so a user fixes
 * them all in one edit.
 */
public final class SpecException extends RuntimeException {

    private final transient List<SpecProblem> problems;

    public SpecException(String source, List<SpecProblem> problems) {
        super(format(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, errors and warnings. */
    public List<SpecProblem> problems() {
        return problems;
    }

    /**
     * Whether every error is this machine's limit ({@link SpecProblem#machineLimit}): the spec
     * itself is sound, and a larger machine may run it.
     */
    public boolean onlyMachineLimits() {
        List<SpecProblem> errors = problems.stream().filter(SpecProblem::isError).toList();
        return !errors.isEmpty() && errors.stream().allMatch(SpecProblem::machineLimit);
    }

    private static String format(String source, List<SpecProblem> problems) {
        // "1 problem and 2 warnings", the problems listed first: a warning is not counted as a problem.
        return source + ": " + SpecProblem.counted(problems) + "\n"
                + Stream.concat(problems.stream().filter(SpecProblem::isError),
                        problems.stream().filter(p -> !p.isError())).map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}

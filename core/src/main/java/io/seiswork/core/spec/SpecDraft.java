package io.seiswork.core.spec;

import java.util.List;

/**
 * A spec read as far as its text allows ({@link JobSpecReader#draft}): the problems found so far
 * and, unless one of them leaves it incomplete, the spec itself. Some problems do not: a source or
 * receiver outside the grid, {@code time.dtS} above {@code time.sampleS}, an invalid name. The
 * spec is then kept, so that {@link JobResolver#resolve(SpecDraft, String)} runs its checks on it
 * (CFL, points per wavelength, memory) and every problem is reported in one pass.
 *
 * @param spec the spec read, or null when a problem leaves it incomplete (a missing or malformed
 *     field: the resolver's checks cannot run)
 * @param problems every problem found while reading, warnings included
 */
public record SpecDraft(JobSpec spec, List<SpecProblem> problems) {

    public SpecDraft {
        problems = List.copyOf(problems);
    }

    /** Whether any problem is an error. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(SpecProblem::isError);
    }

    /**
     * The spec when it was read without errors.
     *
     * @throws SpecException listing every problem, {@code source} naming the spec, otherwise
     */
    public JobSpec orThrow(String source) {
        if (hasErrors() || spec == null) {
            throw new SpecException(source, problems);
        }
        return spec;
    }

    /** The same draft with the spec's engine replaced ({@code --engine}). */
    public SpecDraft withEngine(EngineChoice engine) {
        return spec == null ? this : new SpecDraft(spec.withEngine(engine), problems);
    }
}

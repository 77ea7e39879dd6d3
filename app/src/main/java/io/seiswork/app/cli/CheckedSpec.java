package io.seiswork.app.cli;

import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.SpecDraft;
import io.seiswork.core.spec.SpecProblem;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * A spec file checked the way every command that takes one checks it ({@code run}, {@code submit}):
 * every problem at once before anything runs or is uploaded, the files it names loaded relative to
 * its folder, its warnings printed one per line.
 */
final class CheckedSpec {

    private CheckedSpec() {
    }

    /**
     * @param engine the command's {@code --engine}, replacing the spec's, or null
     * @throws io.seiswork.core.spec.SpecException listing every problem
     */
    static ResolvedJob resolve(Path specFile, EngineChoice engine, PrintWriter err) {
        return resolve(specFile, engine, err, JobResolver.withHeapBudget(specFile.toAbsolutePath().getParent()));
    }

    /** As {@link #resolve(Path, EngineChoice, PrintWriter)}, checked by {@code resolver} (its memory budget). */
    static ResolvedJob resolve(Path specFile, EngineChoice engine, PrintWriter err, JobResolver resolver) {
        // Read as far as it goes, then resolved: problems of the text and of the model in one report.
        SpecDraft draft = JobSpecReader.draft(specFile);
        if (engine != null) {
            draft = draft.withEngine(engine);
        }
        ResolvedJob job = resolver.resolve(draft, specFile.toString());
        for (SpecProblem w : job.warnings()) {
            err.println("seiswork: " + specFile + ": " + w);
        }
        return job;
    }
}

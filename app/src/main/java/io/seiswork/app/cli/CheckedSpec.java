package io.seiswork.app.cli;

import io.seiswork.core.segy.SegyException;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.SpecDraft;
import io.seiswork.core.spec.SpecException;
import io.seiswork.core.spec.SpecProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A spec file checked the way every command that takes one checks it ({@code run}, {@code submit}):
 * every problem at once before anything runs or is uploaded, the files it names loaded relative to
 * its folder, its warnings printed one per line; a recorded-data file it names opened, so that a
 * corrupt one is said under {@code data} in the same report ({@link #unreadableData}).
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
        SpecProblem data = unreadableData(job.dataFile());
        if (data != null) {
            List<SpecProblem> all = new ArrayList<>(job.warnings());
            all.add(0, data);
            throw new SpecException(specFile.toString(), all);
        }
        for (SpecProblem w : job.warnings()) {
            err.println("seiswork: " + specFile + ": " + w);
        }
        return job;
    }

    /**
     * The problem of a recorded-data file ({@code data}) that is not a SEG-Y or SU file Seiswork
     * reads (its headers implausible, its size not the headers and whole traces), under the field
     * that names it as a missing one is; null when it opens, or there is none. Here, not in
     * {@link JobResolver}: a cloud worker resolves the spec with the file's headers alone, or none.
     */
    static SpecProblem unreadableData(Path dataFile) {
        if (dataFile == null) {
            return null;
        }
        try (SegyReader r = SegyReader.open(dataFile.normalize())) {
            return null;
        } catch (SegyException e) {
            return SpecProblem.error("data", e.getMessage());
        }
    }
}

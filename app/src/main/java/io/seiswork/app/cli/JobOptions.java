package io.seiswork.app.cli;

import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code JOB [--cloud local|aws]}, shared by the commands that act on one cloud job
 * ({@code status}, {@code fetch}, {@code cancel}, {@code resume}, {@code delete}): the job id
 * that {@code submit} printed, checked where it enters, and the stack it lives in.
 *
 * <p>The id is checked by {@link #id()} when the command runs, before any call to the cloud: a bad
 * id is a usage error, as a bad option value is ({@code seiswork status: job id must be ...},
 * the pointer to {@code --help}, exit 2).
 */
final class JobOptions {

    @Parameters(index = "0", paramLabel = "JOB", description = "The job id that submit printed.")
    String job;

    @Mixin
    CloudOptions cloud;

    /** The command this is mixed into, whose usage error a bad id is. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The job's id.
     *
     * @throws picocli.CommandLine.ParameterException when it is not a job id (3-63 lower-case letters,
     *     digits and hyphens)
     */
    JobId id() {
        return CloudOptions.jobId(command, job);
    }

    /** Runs {@code work} with the stack's dispatcher ({@link CloudOptions#withDispatcher}). */
    <T> T withDispatcher(Function<Dispatcher, T> work) {
        return cloud.withDispatcher(work);
    }
}

package io.seiswork.app.cli;

import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code JOB [--cloud local|aws]}, shared by the commands that act on one cloud job
 * ({@code status}, {@code fetch}, {@code cancel}, {@code resume}, {@code delete}): the job id
 * that {@code submit} printed, checked where it enters, and the stack it lives in.
 *
 * <p>The id is checked by {@link #id()} when the command runs, not by picocli as it parses, so
 * that a bad id is the same one-line error ({@code seiswork: job id must be ...}) as every other
 * mistake, before any call to the cloud.
 */
final class JobOptions {

    @Parameters(index = "0", paramLabel = "JOB", description = "The job id that submit printed.")
    String job;

    @Mixin
    CloudOptions cloud;

    /**
     * The job's id.
     *
     * @throws IllegalArgumentException when it is not a job id (3-63 lower-case letters, digits and hyphens)
     */
    JobId id() {
        return CloudOptions.jobId(job);
    }

    /** Runs {@code work} with the stack's dispatcher ({@link CloudOptions#withDispatcher}). */
    <T> T withDispatcher(Function<Dispatcher, T> work) {
        return cloud.withDispatcher(work);
    }
}

package io.seiswork.app.cli;

import io.seiswork.cloud.dispatch.ResumedJob;
import io.seiswork.cloud.job.JobId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code seiswork resume JOB}: a FAILED or CANCELLED job runs again from where it stopped, its
 * done shots kept. An overnight survey that lost a few shots to a bad instance, or that was
 * cancelled to change the fleet, costs only its unfinished shots.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Run a FAILED or CANCELLED cloud job again from where it stopped: its done shots are kept (their "
                + "results are still stored), the others are queued with three fresh attempts, and the job is stacked "
                + "when they are done, to the image an uninterrupted run makes."})
final class ResumeCommand implements Callable<Integer> {

    @Mixin
    JobOptions job;

    @Mixin
    WaitOptions wait;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        wait.check();
        JobId id = job.id();
        PrintWriter err = spec.commandLine().getErr();
        return job.withDispatcher(d -> {
            ResumedJob r = d.resume(id);
            err.println(r.summary());
            err.flush();
            return wait.followAndFetch(d, id, job.cloud.cloud, err);
        });
    }
}

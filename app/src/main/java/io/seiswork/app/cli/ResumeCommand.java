package io.seiswork.app.cli;

import io.seiswork.cloud.dispatch.ResumedJob;
import io.seiswork.cloud.job.JobId;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

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

    @Parameters(index = "0", paramLabel = "JOB", description = "The job id that submit printed.")
    String job;

    @Mixin
    CloudOptions cloud;

    @Mixin
    WaitOptions wait;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        JobId id = CloudOptions.jobId(job);
        PrintWriter err = spec.commandLine().getErr();
        return cloud.withDispatcher(d -> {
            ResumedJob r = d.resume(id);
            err.println(describe(r));
            err.flush();
            return wait.followAndFetch(d, id, err);
        });
    }

    /** {@code resumed JOB: 3 shots queued again (4, 9, 12), 97 done shots kept}. */
    static String describe(ResumedJob r) {
        StringBuilder b = new StringBuilder("resumed ").append(r.id()).append(": ");
        if (r.queued().isEmpty()) {
            b.append("all ").append(r.kept()).append(" shots are done; the job is stacked again");
        } else {
            b.append(r.queued().size()).append(r.queued().size() == 1 ? " shot" : " shots").append(" queued again (")
                    .append(listed(r.queued())).append("), ").append(r.kept()).append(" done shot")
                    .append(r.kept() == 1 ? "" : "s").append(" kept");
        }
        if (!r.lostResults().isEmpty()) {
            b.append("; the stored result").append(r.lostResults().size() == 1 ? " of shot " : "s of shots ")
                    .append(listed(r.lostResults())).append(" had gone, so ")
                    .append(r.lostResults().size() == 1 ? "it runs" : "they run").append(" again");
        }
        return b.toString();
    }

    private static String listed(List<Integer> shots) {
        return shots.stream().limit(20).map(String::valueOf).collect(Collectors.joining(", "))
                + (shots.size() > 20 ? ", ..." : "");
    }
}

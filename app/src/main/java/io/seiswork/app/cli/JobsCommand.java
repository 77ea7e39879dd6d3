package io.seiswork.app.cli;

import io.seiswork.cloud.job.JobRecord;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seiswork jobs}: the stack's most recent jobs, newest first, one line each. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "List the cloud's most recent jobs, newest first: id, submitted (UTC), task, status, shots done.")
final class JobsCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Mixin
    CloudOptions cloud;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many jobs at most (default 20).")
    int limit;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionValues.within(spec, "--limit", limit, 1, 1000);
        List<JobRecord> jobs = cloud.withDispatcher(d -> d.recentJobs(limit));
        PrintWriter out = spec.commandLine().getOut();
        if (jobs.isEmpty()) {
            spec.commandLine().getErr().println("no jobs in the " + cloud.settings().name() + " cloud yet");
            spec.commandLine().getErr().flush();
            return 0;
        }
        for (JobRecord j : jobs) {
            out.printf(Locale.ROOT, "%-48s %s  %-5s %-9s %d/%d shots%s%n", j.id(), WHEN.format(j.created()), j.task(),
                    j.status(), j.done(), j.total(), j.failed() > 0 ? ", " + j.failed() + " failed" : "");
        }
        out.flush();
        return 0;
    }
}

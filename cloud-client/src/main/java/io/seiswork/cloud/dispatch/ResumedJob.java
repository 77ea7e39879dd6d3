package io.seiswork.cloud.dispatch;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.ShotNumbers;
import java.util.List;

/**
 * What {@link Dispatcher#resume} did.
 *
 * @param id the job
 * @param queued the shots queued again, ascending: failed, cancelled or never started, and done
 *     shots whose result was gone from the bucket; empty when every shot was done and only the
 *     stack is to be made again
 * @param kept done shots whose stored results are kept and not run again
 * @param lostResults the done shots among {@code queued} whose result was missing
 */
public record ResumedJob(JobId id, List<Integer> queued, int kept, List<Integer> lostResults) {

    public ResumedJob {
        queued = List.copyOf(queued);
        lostResults = List.copyOf(lostResults);
    }

    /**
     * One line for people: {@code resumed JOB: 3 shots queued again (4, 9, 12), 97 done shots
     * kept}, and why a done shot runs again when its result had gone.
     */
    public String summary() {
        StringBuilder b = new StringBuilder("resumed ").append(id).append(": ");
        if (queued.isEmpty()) {
            b.append("all ").append(kept).append(" shots are done; the job is stacked again");
        } else {
            b.append(queued.size()).append(queued.size() == 1 ? " shot" : " shots").append(" queued again (")
                    .append(ShotNumbers.brief(queued, 20)).append("), ").append(kept).append(" done shot").append(kept == 1 ? "" : "s")
                    .append(" kept");
        }
        if (!lostResults.isEmpty()) {
            b.append("; the stored result").append(lostResults.size() == 1 ? " of shot " : "s of shots ")
                    .append(ShotNumbers.brief(lostResults, 20)).append(" had gone, so ")
                    .append(lostResults.size() == 1 ? "it runs" : "they run").append(" again");
        }
        return b.toString();
    }
}

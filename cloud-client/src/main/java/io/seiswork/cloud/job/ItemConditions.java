package io.seiswork.cloud.job;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pieces of condition expressions that both the shot writes ({@link JobTable}) and the stacking
 * hand-over ({@link StackingRecords}) are conditional on: that nothing changed since the item was
 * read. Each adds the values it needs to the request's {@code values}.
 */
final class ItemConditions {

    private ItemConditions() {
    }

    /**
     * The condition that the job is in run {@code run}: its {@code #resumes} is {@code run}, or
     * absent for run 0 (before the first resume). Adds the value {@code :run} to {@code values}
     * when it needs one.
     */
    static String inRun(int run, Map<String, AttributeValue> values) {
        if (run == 0) {
            return "attribute_not_exists(#resumes)";
        }
        values.put(":run", JobItems.n(run));
        return "#resumes = :run";
    }

    /**
     * The condition that an item's {@code #beat} is still {@code beat} as read (none, when null):
     * its worker has not spoken since, the beat in either form of {@link ItemTime}. Adds the values
     * {@code :beat} and {@code :beatOld} to {@code values}.
     */
    static String stillSilentSince(Instant beat, Map<String, AttributeValue> values) {
        if (beat == null) {
            return "attribute_not_exists(#beat)";
        }
        return ItemTime.equal("#beat", ":beat", beat, values);
    }
}

package io.seiswork.cloud.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudSettingsTest {

    /** The workers' memory a job is checked against: the stack's default unless the environment says another. */
    @Test
    void workerMemoryComesFromTheEnvironmentOrTheStacksDefault() {
        assertEquals(14.0, CloudSettings.workerMemoryGiB(Map.of()));
        assertEquals(14.0, CloudSettings.workerMemoryGiB(Map.of("SEISWORK_WORKER_MEMORY_GIB", " ")));
        assertEquals(61.5, CloudSettings.workerMemoryGiB(Map.of("SEISWORK_WORKER_MEMORY_GIB", "61.5")));
        for (String bad : new String[] {"0", "-3", "lots", "NaN", "2e6"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CloudSettings.workerMemoryGiB(Map.of("SEISWORK_WORKER_MEMORY_GIB", bad)));
            assertTrue(e.getMessage().startsWith("SEISWORK_WORKER_MEMORY_GIB must be a positive number of GiB (at most 1048576), got \"" + bad + "\""),
                    e.getMessage());
        }
    }

    /**
     * A missing SEISWORK_BUCKET says what to do in the caller's words: the command line and the
     * desktop each supply how their user runs on the local cloud instead; the check a window makes
     * before a run says it as building the settings does.
     */
    @Test
    void aMissingBucketEndsInTheCallersWords() {
        String setIt = "SEISWORK_BUCKET is not set: export the bucket name the Seiswork stack printed (output BucketName), or ";
        var cli = assertThrows(IllegalArgumentException.class, () -> CloudSettings.named("aws", Map.of(), "use --cloud local"));
        assertEquals(setIt + "use --cloud local", cli.getMessage());
        var desktop = assertThrows(IllegalArgumentException.class,
                () -> CloudSettings.check("aws", Map.of("SEISWORK_BUCKET", " "), "choose 'local cloud' in on"));
        assertEquals(setIt + "choose 'local cloud' in on", desktop.getMessage());
        CloudSettings.check("local", Map.of(), "unused");  // the local cloud needs no setting
    }

    /**
     * The local stack's names: the defaults, which {@code scripts/cloud-local.sh}'s queue has, or
     * a prefix of one's own; a prefix that would make a name S3, SQS or DynamoDB refuses is
     * refused first, naming the variable, as the desktop's check before a run refuses it.
     */
    @Test
    void theLocalStacksNamesTakeTheirPrefixFromTheEnvironment() {
        CloudSettings plain = CloudSettings.local(Map.of("SEISWORK_LOCAL_PREFIX", " "));
        assertEquals(List.of("seiswork-local", "seiswork-jobs", "seiswork-shots"),
                List.of(plain.bucket(), plain.table(), plain.queue()));
        CloudSettings own = CloudSettings.local(Map.of("SEISWORK_LOCAL_PREFIX", "worker-log-7"));
        assertEquals(List.of("worker-log-7-local", "worker-log-7-jobs", "worker-log-7-shots"),
                List.of(own.bucket(), own.table(), own.queue()));
        String longest = "a".repeat(57);
        assertEquals(63, CloudSettings.local(Map.of("SEISWORK_LOCAL_PREFIX", longest)).bucket().length(),
                "S3's longest bucket name");
        for (String bad : new String[] {"a".repeat(58), "Upper", "-lead", "under_score", "dot.ted", "sp ace", "é"}) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> CloudSettings.check("local", Map.of("SEISWORK_LOCAL_PREFIX", bad), "unused"));
            assertEquals("SEISWORK_LOCAL_PREFIX must be 1 to 57 lower case letters, digits and hyphens, starting with a "
                    + "letter or digit (it names the local bucket, table and queue), got \"" + bad + "\"", e.getMessage());
        }
    }
}

package io.seiswork.cloud.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seiswork.cloud.job.JobId;
import org.junit.jupiter.api.Test;

class ShotTaskTest {

    @Test
    void roundTripsTheArchitecturesMessage() {
        ShotTask t = new ShotTask(new JobId("demo-1"), 5);
        assertEquals("{\"jobId\":\"demo-1\",\"shot\":5}", t.toJson());
        assertEquals(t, ShotTask.parse(t.toJson()));
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {"", "[]", "{\"jobId\":\"demo-1\"}", "{\"jobId\":\"demo-1\",\"shot\":1.5}",
                "{\"jobId\":\"demo-1\",\"shot\":0}", "{\"jobId\":\"../x\",\"shot\":1}",
                "{\"jobId\":\"demo-1\",\"shot\":1,\"cmd\":\"rm\"}", "{\"jobId\":\"demo-1\",\"shot\":\"1\"}",
                "{\"jobId\":\"demo-1\",\"shot\":99999999999}", "x".repeat(2000)}) {
            assertThrows(IllegalArgumentException.class, () -> ShotTask.parse(bad), bad);
        }
    }
}

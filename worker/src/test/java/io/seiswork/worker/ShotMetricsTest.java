package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.cloud.job.JobId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The metric lines follow the Embedded Metric Format specification: a root {@code _aws} member with
 * a millisecond {@code Timestamp} and {@code CloudWatchMetrics} directives (namespace, dimension
 * sets, metric definitions with units), and every metric named there present as a top-level
 * number; otherwise CloudWatch Logs drops the line's metrics without a word.
 */
class ShotMetricsTest {

    private static final List<String> UNITS = List.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Count", "Percent", "None", "Count/Second");

    @Test
    void eachLineIsOneValidEmfObject() throws Exception {
        var bytes = new ByteArrayOutputStream();
        Clock at = Clock.fixed(Instant.parse("2026-11-28T23:30:00Z"), ZoneOffset.UTC);
        ShotMetrics m = new ShotMetrics(new PrintStream(bytes, true, StandardCharsets.UTF_8), at, "host-42");
        m.completed(new JobId("demo-1"), 3, "rtm", 12.5, 1.75);
        m.failed(new JobId("demo-1"), 4, "rtm", false);
        m.stacked(new JobId("demo-1"), "rtm", 9, 42.0, "out-of-core");
        m.interrupted(new JobId("demo-1"), 5, "rtm");
        m.failed(new JobId("demo-1"), 4, "rtm", true);
        m.lost(new JobId("demo-1"), 6, "rtm");
        m.stackResent(new JobId("demo-1"), "rtm");
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(7, lines.size());
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            JsonNode n = new ObjectMapper().readTree(line);
            JsonNode aws = n.get("_aws");
            assertEquals(Instant.parse("2026-11-28T23:30:00Z").toEpochMilli(), aws.get("Timestamp").asLong());
            JsonNode d = aws.get("CloudWatchMetrics").get(0);
            assertEquals("Seiswork", d.get("Namespace").asText());
            assertEquals("[[]]", d.get("Dimensions").toString(), "fleet-wide: one empty dimension set");
            for (JsonNode def : d.get("Metrics")) {
                String name = def.get("Name").asText();
                assertTrue(UNITS.contains(def.get("Unit").asText()), def.toString());
                assertTrue(n.get(name).isNumber(), name + " must be a top-level number");
                names.add(name);
            }
            assertEquals("demo-1", n.get("jobId").asText());
            assertEquals("host-42", n.get("worker").asText());
        }
        assertEquals(List.of("ShotsCompleted", "ShotSeconds", "GptsPerSecond", "ShotsFailed", "JobsStacked", "StackSeconds",
                "ShotsInterrupted", "ShotsFailed", "ShotsFailedForGood", "ShotsLost", "StacksResent"), names);
        assertEquals(12.5, new ObjectMapper().readTree(lines.get(0)).get("ShotSeconds").asDouble());
        assertEquals(3, new ObjectMapper().readTree(lines.get(0)).get("shot").asInt());
        JsonNode stacked = new ObjectMapper().readTree(lines.get(2));
        assertEquals(9, stacked.get("shots").asInt());
        assertEquals(42.0, stacked.get("StackSeconds").asDouble());
        assertEquals("out-of-core", stacked.get("wholeGrid").asText());
    }
}

package io.seiswork.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Context parsing, without synthesizing anything. */
class StackSettingsTest {

    private static StackSettings read(Map<String, Object> context) {
        return StackSettings.fromContext(context::get);
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> context = new HashMap<>(Map.of("workerImage", Synth.IMAGE));
        context.put(key, value);
        return context;
    }

    @Test
    void defaults() {
        StackSettings s = read(Map.of("workerImage", Synth.IMAGE));
        assertEquals(Synth.IMAGE, s.workerImage());
        assertEquals(List.of("g6.xlarge"), s.instanceTypes());
        assertTrue(s.spot());
        assertEquals(16, s.maxWorkers());
        assertEquals(14_336, s.workerMemoryMiB());
        assertEquals(100, s.workerDiskGiB());
        assertEquals(500, s.scratchDiskGiB());
        assertNull(s.alarmEmail());
        assertEquals(60, s.maxShotMinutes());
    }

    @Test
    void readsCommandLineStringsAndCdkJsonValues() {
        StackSettings s = read(Map.of("workerImage", " ghcr.io/acme/seiswork:1 ", "workerInstanceType", "g6.xlarge, g5.2xlarge,",
                "spot", "FALSE", "maxWorkers", 32.0, "workerMemoryMiB", "30000", "workerDiskGiB", 200, "scratchDiskGiB", "2000",
                "alarmEmail", "ops@example.com"));
        assertEquals("ghcr.io/acme/seiswork:1", s.workerImage());
        assertEquals(List.of("g6.xlarge", "g5.2xlarge"), s.instanceTypes());
        assertFalse(s.spot());
        assertEquals(32, s.maxWorkers());
        assertEquals(30_000, s.workerMemoryMiB());
        assertEquals(200, s.workerDiskGiB());
        assertEquals(2000, s.scratchDiskGiB());
        assertEquals(16_384, read(with("scratchDiskGiB", 16_384.0)).scratchDiskGiB());
        assertEquals(32, read(with("scratchDiskGiB", 32)).scratchDiskGiB());
        assertEquals("ops@example.com", s.alarmEmail());
        assertFalse(read(with("spot", false)).spot());
        assertEquals(720, read(with("maxShotMinutes", 720.0)).maxShotMinutes());
    }

    @Test
    void theImageIsRequiredAndTheMessageSaysHow() {
        var e = assertThrows(IllegalArgumentException.class, () -> read(Map.of()));
        assertTrue(e.getMessage().startsWith("workerImage is required"), e.getMessage());
        assertTrue(e.getMessage().contains("cdk deploy -c workerImage="), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("workerImage", "  ")));
    }

    @Test
    void badValuesNameTheirKey() {
        for (var bad : List.of(with("maxWorkers", "0"), with("maxWorkers", "lots"), with("maxWorkers", 2.5),
                with("spot", "yes"), with("workerMemoryMiB", 512), with("workerDiskGiB", 8),
                with("scratchDiskGiB", "0"), with("scratchDiskGiB", 31), with("scratchDiskGiB", -100), with("scratchDiskGiB", "500GiB"),
                with("scratchDiskGiB", 16_385), with("scratchDiskGiB", 1.5),
                with("workerInstanceType", "G6 XLARGE"), with("workerInstanceType", " , "), with("alarmEmail", "ops"),
                with("maxShotMinutes", 4), with("maxShotMinutes", 721), with("maxShotMinutes", "1h"))) {
            var e = assertThrows(IllegalArgumentException.class, () -> read(bad), bad.toString());
            String key = bad.keySet().stream().filter(k -> !k.equals("workerImage")).findFirst().orElseThrow();
            assertTrue(e.getMessage().startsWith(key + ":"), e.getMessage());
        }
    }

    @Test
    void aScratchDiskOutOfGp3sRangeNamesTheKeyAndTheLimits() {
        var e = assertThrows(IllegalArgumentException.class, () -> read(with("scratchDiskGiB", 20_000)));
        assertEquals("scratchDiskGiB: must be between 32 and 16384, got 20000", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read(with("scratchDiskGiB", "big")));
        assertEquals("scratchDiskGiB: must be a whole number, got \"big\"", e.getMessage());
    }

    @Test
    void ecrImagesNameTheirRepository() {
        EcrImage ecr = EcrImage.parse(Synth.IMAGE).orElseThrow();
        assertEquals("arn:aws:ecr:eu-west-1:123456789012:repository/seiswork-worker", ecr.repositoryArn());
        assertEquals("arn:aws-cn:ecr:cn-north-1:123456789012:repository/team/worker",
                EcrImage.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/worker@sha256:" + "a".repeat(64))
                        .orElseThrow().repositoryArn());
        assertEquals("seiswork-worker",
                EcrImage.parse("123456789012.dkr.ecr.us-east-1.amazonaws.com/seiswork-worker").orElseThrow().repository());
        assertTrue(EcrImage.parse("public.ecr.aws/acme/seiswork:1").isEmpty());
        assertTrue(EcrImage.parse("ghcr.io/acme/seiswork:1").isEmpty());
    }
}

package io.seiswork.cloud.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SpecInputsTest {

    @Test
    void findsEveryFileFieldOfTheSpecAndOnlyThose() throws Exception {
        ObjectNode spec = (ObjectNode) new ObjectMapper().readTree("""
                {"name": "x", "velocity": {"raw": {"path": "vp.bin", "order": "zxy", "endian": "little"}},
                 "migrationVelocity": {"segy": "smooth.sgy"}, "data": "shots.sgy",
                 "wavelet": {"type": "ricker", "peakHz": 15}}""");
        var fields = SpecInputs.of(spec);
        assertEquals(3, fields.size());
        assertEquals("velocity.raw.path=vp.bin migrationVelocity.segy=smooth.sgy data=shots.sgy",
                String.join(" ", fields.stream().map(f -> f.path() + "=" + f.value()).toList()));
        fields.get(0).set("inputs/sha256/abc");
        assertEquals("inputs/sha256/abc", spec.at("/velocity/raw/path").asText());

        ObjectNode synthetic = (ObjectNode) new ObjectMapper().readTree("""
                {"velocity": {"builtin": "salt3d"}, "migrationVelocity": {"smooth": 100}, "data": "synthetic"}""");
        assertEquals(0, SpecInputs.of(synthetic).size());
    }
}

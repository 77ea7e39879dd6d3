package io.seiswork.core.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A small valid 2D spec that tests break one field at a time. */
final class SpecFixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private SpecFixtures() {
    }

    static ObjectNode valid() {
        try {
            return (ObjectNode) MAPPER.readTree("""
                {
                  "name": "fixture",
                  "task": "model",
                  "grid": { "nx": 101, "nz": 61, "dx": 10, "dz": 10 },
                  "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 300, "vp": 2500 } ] },
                  "wavelet": { "type": "ricker", "peakHz": 15 },
                  "time": { "lengthS": 0.5, "sampleS": 0.004 },
                  "sources": { "line": { "x0": 200, "dx": 300, "n": 3, "z": 20 } },
                  "receivers": { "line": { "x0": 0, "dx": 10, "n": 101, "z": 10 } }
                }
                """);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JobSpec read(ObjectNode json) {
        return JobSpecReader.read(json.toString(), "test.json", "test");
    }
}

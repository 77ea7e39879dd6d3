package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Which axis a SEG-Y cube's traces have, from its text header (SEG-Y has no field for it): depth
 * only when a phrase says so and none says time; a water depth in a time cube's header is not one.
 */
class LikelyZUnitTest {

    @Test
    void depthPhrasesSayDepth() {
        assertEquals("m", SegyToSwv.likelyZUnitOf("C 1 SEISWORK RTM DEPTH IMAGE  JOB demo"));
        assertEquals("m", SegyToSwv.likelyZUnitOf("C 3 DEPTH AXIS: SAMPLE INTERVAL FIELD HOLDS DZ IN MILLIMETRES"));
        assertEquals("m", SegyToSwv.likelyZUnitOf("C 9 Depth min: -4502.00 max: -2.00 delta: 4500.00"));
        assertEquals("m", SegyToSwv.likelyZUnitOf("C 5 PSDM KIRCHHOFF 2019"));
        assertEquals("m", SegyToSwv.likelyZUnitOf("C 7 VERTICAL DOMAIN: DEPTH (M)"));
    }

    @Test
    void aWordDepthAloneOrAnyTimePhraseSaysTime() {
        assertEquals("s", SegyToSwv.likelyZUnitOf("C 4 WATER DEPTH 300 M  SOURCE DEPTH 6 M"));
        assertEquals("s", SegyToSwv.likelyZUnitOf("C 6 DEPTH CONVERSION NOT APPLIED"));
        assertEquals("s", SegyToSwv.likelyZUnitOf("C29 Trace start time/depth      : bytes 109-110"));
        assertEquals("s", SegyToSwv.likelyZUnitOf("C 2 PSTM FINAL STACK  C 3 DEPTH MIGRATION VELOCITIES FROM 2015"));
        assertEquals("s", SegyToSwv.likelyZUnitOf("C 9 Time min: -4510.00 max: 10.00 delta: 4520.00"));
        assertEquals("s", SegyToSwv.likelyZUnitOf("C 1 Cropped F3 2-byte integer data set"));
        assertEquals("s", SegyToSwv.likelyZUnitOf(""));
    }
}

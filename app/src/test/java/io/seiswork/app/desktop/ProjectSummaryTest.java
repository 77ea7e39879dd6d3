package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.SurveyGeometry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Shots fact counts every shot's receivers, not the first shot's alone. */
class ProjectSummaryTest {

    @Test
    void aMovingSpreadShowsTheRangeOfReceiversPerShot() {
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        ProjectSummary.facts("demo", Project.demo().job()).forEach(e -> facts.put(e.getKey(), e.getValue()));
        assertEquals("9 shots, 101\u2013161 receivers each", facts.get("Shots"), "the demo's moving spread");
    }

    @Test
    void aFixedSpreadSaysOneNumber() {
        List<Position> sources = List.of(new Position(0, 0, 10), new Position(500, 0, 10), new Position(1000, 0, 10));
        List<Position> receivers = java.util.stream.IntStream.range(0, 51)
                .mapToObj(i -> new Position(20.0 * i, 0, 10)).toList();
        assertEquals("3 shots, 51 receivers each", ProjectSummary.shots(SurveyGeometry.fixedSpread(sources, receivers)));
        assertEquals("1 shot, 51 receivers", ProjectSummary.shots(SurveyGeometry.fixedSpread(sources.subList(0, 1),
                receivers)));
        // Offsets up to 300 m: the end shots record 16 receivers, the middle one 31.
        assertEquals("3 shots, 16\u201331 receivers each",
                ProjectSummary.shots(SurveyGeometry.movingSpread(sources, receivers, 0, 300)));
    }
}

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

    @Test
    void numbersKeepTheirUnitsOnTheirLine() {
        assertEquals("101 x 81 x 61 cells of 25 x 25 x 25\u00a0m", ProjectSummary.keepUnits("101 x 81 x 61 cells of 25 x 25 x 25 m"));
        assertEquals("1500 - 4500\u00a0m/s", ProjectSummary.keepUnits("1500 - 4500 m/s"));
        assertEquals("dt 2\u00a0ms (CFL limit 2.516\u00a0ms), 801 steps, 1.6\u00a0s",
                ProjectSummary.keepUnits("dt 2 ms (CFL limit 2.516 ms), 801 steps, 1.6 s"));
        assertEquals("ricker, 6\u00a0Hz", ProjectSummary.keepUnits("ricker, 6 Hz"));
        assertEquals("46.6\u00a0MiB per shot", ProjectSummary.keepUnits("46.6 MiB per shot"));
        // Words after numbers stay breakable: "2 shots", "8 steps", "16-cell", a path's "3 sets".
        assertEquals("2 shots, 2091 receivers each", ProjectSummary.keepUnits("2 shots, 2091 receivers each"));
        assertEquals("space order 8, 16-cell absorbing layer", ProjectSummary.keepUnits("space order 8, 16-cell absorbing layer"));
    }
}

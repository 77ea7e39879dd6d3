package io.seiswork.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code infra/grafana/seiswork-dashboard.json}: valid Grafana JSON, on the CloudWatch dashboard's metrics. */
class GrafanaDashboardTest {

    private static final Path FILE = Path.of("grafana", "seiswork-dashboard.json");

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(FILE.toFile());
    }

    @Test
    void isAGrafanaDashboardWithATemplatedCloudWatchDataSource() throws IOException {
        JsonNode d = dashboard();
        assertEquals("Seiswork", d.get("title").asText());
        assertTrue(d.get("schemaVersion").asInt() >= 36, "schemaVersion " + d.get("schemaVersion"));
        JsonNode variable = d.get("templating").get("list").get(0);
        assertEquals("DS_CLOUDWATCH", variable.get("name").asText());
        assertEquals("datasource", variable.get("type").asText());
        assertEquals("cloudwatch", variable.get("query").asText());
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : d.get("panels")) {
            assertTrue(ids.add(panel.get("id").asInt()), "panel ids are unique");
            assertTrue(panel.get("gridPos").has("w") && panel.get("gridPos").has("h"), panel.get("title").asText());
            assertTrue(panel.get("targets").size() > 0, panel.get("title").asText());
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.get("targets")) {
                String where = panel.get("title").asText() + " " + target;
                assertTrue(refIds.add(target.get("refId").asText()), where);
                assertEquals("cloudwatch", target.get("datasource").get("type").asText(), where);
                assertEquals("${DS_CLOUDWATCH}", target.get("datasource").get("uid").asText(), where);
                assertEquals("default", target.get("region").asText(), where);
                assertEquals("Metrics", target.get("queryMode").asText(), where);
                for (String field : new String[] {"namespace", "metricName", "statistic"}) {
                    assertFalse(target.path(field).asText().isEmpty(), field + " in " + where);
                }
                assertTrue(target.get("dimensions").isObject(), where);
            }
        }
    }

    @Test
    void plotsExactlyWhatTheCloudWatchDashboardPlots() throws IOException {
        Set<DashboardMetrics.Plotted> grafana = new HashSet<>();
        for (JsonNode panel : dashboard().get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                grafana.add(new DashboardMetrics.Plotted(target.get("namespace").asText(), target.get("metricName").asText(),
                        target.get("statistic").asText()));
            }
        }
        assertEquals(DashboardMetrics.plotted(Synth.defaults()), grafana);
        Set<String> workerMetrics = new HashSet<>();
        grafana.stream().filter(p -> p.namespace().equals(Protocol.METRIC_NAMESPACE)).forEach(p -> workerMetrics.add(p.name()));
        assertEquals(Set.copyOf(Protocol.WORKER_METRICS), workerMetrics);
    }

    @Test
    void dimensionsNameTheStacksQueuesAndService() throws IOException {
        Map<String, Set<String>> dimensionsByNamespace = new TreeMap<>();
        for (JsonNode panel : dashboard().get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Set<String> dims = dimensionsByNamespace.computeIfAbsent(target.get("namespace").asText(), k -> new HashSet<>());
                for (Map.Entry<String, JsonNode> e : target.get("dimensions").properties()) {
                    dims.add(e.getKey() + "=" + e.getValue().asText());
                }
            }
        }
        assertEquals(Map.of(
                "AWS/SQS", Set.of("QueueName=" + Protocol.QUEUE, "QueueName=" + Protocol.DEAD_LETTER_QUEUE),
                "ECS/ContainerInsights", Set.of("ClusterName=" + Protocol.CLUSTER, "ServiceName=" + Protocol.SERVICE),
                "Seiswork", Set.of()), dimensionsByNamespace);
    }
}

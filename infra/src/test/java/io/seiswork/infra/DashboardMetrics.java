package io.seiswork.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awscdk.assertions.Template;

/**
 * The metrics a CloudWatch dashboard of the template plots, read from its body: CloudFormation
 * joins the body's JSON around tokens (region, queue names), which are replaced by a placeholder
 * so that the JSON parses.
 */
final class DashboardMetrics {

    /** A plotted metric: namespace, name and statistic (CloudWatch's default is Average). */
    record Plotted(String namespace, String name, String statistic) {
    }

    private DashboardMetrics() {
    }

    @SuppressWarnings("unchecked")
    static JsonNode body(Template template) {
        Map<String, Object> props = Synth.only(template, "AWS::CloudWatch::Dashboard");
        List<Object> parts = (List<Object>) ((List<Object>) ((Map<String, Object>) props.get("DashboardBody")).get("Fn::Join")).get(1);
        String json = parts.stream().map(p -> p instanceof String s ? s : "TOKEN").collect(Collectors.joining());
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every metric of every metric widget, in order. */
    static Set<Plotted> plotted(Template template) {
        Set<Plotted> all = new LinkedHashSet<>();
        for (JsonNode widget : body(template).get("widgets")) {
            if (!"metric".equals(widget.get("type").asText())) {
                continue;
            }
            for (JsonNode row : widget.get("properties").get("metrics")) {
                JsonNode options = row.get(row.size() - 1);
                String stat = options.isObject() && options.has("stat") ? options.get("stat").asText() : "Average";
                all.add(new Plotted(row.get(0).asText(), row.get(1).asText(), stat));
            }
        }
        return all;
    }
}

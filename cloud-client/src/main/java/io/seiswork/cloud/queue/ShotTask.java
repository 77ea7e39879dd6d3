package io.seiswork.cloud.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.cloud.job.JobId;

/**
 * One message of the shot queue, {@code {"jobId": "...", "shot": n}}: run shot {@code n}
 * (from 1) of that job. Messages are parsed strictly, since anyone allowed to send to the queue
 * could send anything.
 *
 * @param jobId the job
 * @param shot shot number, from 1
 */
public record ShotTask(JobId jobId, int shot) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest message body accepted; a real one is under 100 bytes. */
    private static final int MAX_BODY = 1024;

    public ShotTask {
        if (shot < 1) {
            throw new IllegalArgumentException("shot must be >= 1, got " + shot);
        }
    }

    /** The message body. */
    public String toJson() {
        return JSON.createObjectNode().put("jobId", jobId.value()).put("shot", shot).toString();
    }

    /**
     * Parses a message body.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static ShotTask parse(String body) {
        if (body == null || body.length() > MAX_BODY) {
            throw new IllegalArgumentException("shot message must be a JSON object of at most " + MAX_BODY + " characters");
        }
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("shot message is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject() || !n.path("jobId").isTextual() || !n.path("shot").canConvertToInt()
                || !n.path("shot").isIntegralNumber() || n.size() != 2) {
            throw new IllegalArgumentException("shot message must be {\"jobId\": string, \"shot\": integer}, got "
                    + body.replaceAll("\\p{Cntrl}", "?"));
        }
        return new ShotTask(new JobId(n.get("jobId").asText()), n.get("shot").intValue());
    }
}

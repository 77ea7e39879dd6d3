package io.seiswork.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECS task scale-in protection while a shot runs. The fleet scales on the queue's backlog; when it
 * scales in, ECS picks which tasks to stop, and without protection it may stop one an hour into a
 * shot, whose work is then lost (the shot is handed back and starts over). A protected task is
 * never chosen, so scale-in only takes idle workers.
 *
 * <p>It is the ECS agent's task-protection endpoint ({@code PUT $ECS_AGENT_URI/task-protection/v1/state}
 * with {@code {"ProtectionEnabled": true, "ExpiresInMinutes": n}}), which the agent passes to ECS
 * with the task role's credentials ({@code ecs:UpdateTaskProtection}). Outside ECS (no
 * {@code ECS_AGENT_URI}) it does nothing. A failed call is logged and never stops a shot: the
 * protection only saves work, the protocol is safe without it.
 */
final class TaskProtection {

    private static final Logger LOG = LoggerFactory.getLogger(TaskProtection.class);
    /** ECS's longest protection; the heartbeat renews it long before, so a dead worker's lapses. */
    static final int MAX_MINUTES = 2880;

    private final URI endpoint;
    private final HttpClient http;

    private TaskProtection(URI endpoint) {
        this.endpoint = endpoint;
        this.http = endpoint == null ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The protection of this task when it runs on ECS ({@code ECS_AGENT_URI} set), else one that does nothing. */
    static TaskProtection fromEnvironment(Map<String, String> env) {
        String agent = env.get("ECS_AGENT_URI");
        if (agent == null || agent.isBlank()) {
            return new TaskProtection(null);
        }
        return new TaskProtection(URI.create(agent.replaceAll("/+$", "") + "/task-protection/v1/state"));
    }

    /** Whether calls go anywhere. */
    boolean active() {
        return endpoint != null;
    }

    /** Protects the task for {@code minutes} from now (renewing any protection it has). */
    void protect(int minutes) {
        set("{\"ProtectionEnabled\":true,\"ExpiresInMinutes\":" + Math.max(1, Math.min(MAX_MINUTES, minutes)) + "}");
    }

    /** Lets scale-in take the task again (it holds no shot). */
    void release() {
        set("{\"ProtectionEnabled\":false}");
    }

    private void set(String body) {
        if (endpoint == null) {
            return;
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2 || r.body().contains("\"failure\"")) {
                LOG.warn("ECS task protection {} refused ({}): {}", body, r.statusCode(), r.body());
            }
        } catch (IOException e) {
            LOG.warn("ECS task protection {} failed: {}", body, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.testing.LocalCloud;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The rows of a cloud job that ended cancelled while shots were running (their items still
 * RUNNING: the workers stopped before writing them back, or were killed): none of them says
 * "running" once the job has ended, and none keeps a worker's silence, which no longer means
 * anything (the job waits for no worker); an earlier attempt's error stays beside its state.
 */
class CloudEndedJobRowsTest extends CloudWindowTestBase {

    @Test
    void aCancelledJobsRunningShotsEndCancelledWithoutASilence(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "ended-rows", 1));
        robot.interact(() -> window.runOnChoice().setValue(RunTarget.LOCAL_CLOUD));
        JobTable table = JobTable.createIfMissing(CLOUD.dynamoDb(), CloudSettings.DEFAULT_TABLE);
        JobId id = new JobId(LocalCloud.uniqueName("ended-rows"));
        table.createJob(id, "ended-rows", "model", "jobs/" + id + "/spec.json", 3);
        table.startShot(id, 1, "w1", 1);
        table.startShot(id, 2, "w2", 1);
        Instant now = Instant.now();
        setBeat(id, 1, now.minus(Duration.ofMinutes(5)));  // silent 5 min when the job was cancelled
        setBeat(id, 2, now);
        assertTrue(table.cancel(id));

        robot.clickOn("#cloudJobs");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.cloudJobsMenu().getItems().stream()
                .anyMatch(i -> i.getText().startsWith(id + " ")));
        MenuItem entry = window.cloudJobsMenu().getItems().stream().filter(i -> i.getText().startsWith(id + " "))
                .findFirst().orElseThrow();
        MenuItem follow = ((Menu) entry).getItems().getFirst();
        assertEquals("Follow", follow.getText());
        robot.interact(() -> {
            window.cloudJobsMenu().hide();
            follow.fire();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.status().getText().startsWith("cancelled job "));
        WaitForAsyncUtils.waitForFxEvents();
        var rows = window.progress().table().getItems();
        StringBuilder seen = new StringBuilder();
        for (ShotProgress p : rows) {
            seen.append(p.shot()).append(' ').append(p.stateProperty().get()).append(" [")
                    .append(p.noteProperty().get()).append("]; ");
        }
        assertEquals(3, rows.size(), seen.toString());
        for (ShotProgress p : rows) {
            assertTrue(p.stateProperty().get() != ShotProgress.State.RUNNING, "a row still running: " + seen);
            assertTrue(!p.noteProperty().get().startsWith("no word"), "a silence kept: " + seen);
        }
        assertEquals(ShotProgress.State.NOT_RUN, rows.get(2).stateProperty().get(), seen.toString());
    }

    private static void setBeat(JobId id, int shot, Instant beat) {
        CLOUD.dynamoDb().updateItem(r -> r.tableName(CloudSettings.DEFAULT_TABLE)
                .key(Map.of("pk", AttributeValue.fromS("JOB#" + id), "sk", AttributeValue.fromS("SHOT#" + shot)))
                .updateExpression("SET beat = :b").expressionAttributeValues(Map.of(":b", AttributeValue.fromS(beat.toString()))));
    }
}

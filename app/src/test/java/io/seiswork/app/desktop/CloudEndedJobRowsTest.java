package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.testing.LocalCloud;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The rows of a cloud job followed from the Cloud jobs menu, then cancelled with shots still
 * running (their items still RUNNING after the cancel: workers stopped, or killed, before writing
 * them back): a shot that failed its last attempt says "failed" while the job runs on, with its
 * reason; once the job has ended no row says "running", and none keeps a worker's silence, which
 * no longer means anything (the job waits for no worker).
 */
class CloudEndedJobRowsTest extends CloudWindowTestBase {

    @Test
    void aCancelledJobsRunningShotsEndCancelledWithoutASilence(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "ended-rows", 1));
        robot.interact(() -> window.runOnChoice().setValue(RunTarget.LOCAL_CLOUD));
        JobTable table = JobTable.createIfMissing(CLOUD.dynamoDb(), CloudSettings.DEFAULT_TABLE);
        JobId id = new JobId(LocalCloud.uniqueName("ended-rows"));
        table.createJob(id, "ended-rows", "model", "jobs/" + id + "/spec.json", 4, 1);
        table.startShot(id, 1, "w1", 1);
        table.startShot(id, 2, "w2", 1);
        table.startShot(id, 3, "w3", 3);
        table.failShot(id, 3, "w3", "out of memory", true);  // within the job's limit of 1: it runs on
        Instant now = Instant.now();
        setBeat(id, 1, now.minus(Duration.ofMinutes(5)));  // silent 5 min
        setBeat(id, 2, now.plus(Duration.ofMinutes(1)));  // not silent while this test runs

        robot.clickOn("#cloudJobs");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.cloudJobsMenu().getItems().stream()
                .anyMatch(i -> i.getText().startsWith(id + " ")));
        MenuItem entry = window.cloudJobsMenu().getItems().stream().filter(i -> i.getText().startsWith(id + " "))
                .findFirst().orElseThrow();
        robot.interact(() -> {
            window.cloudJobsMenu().hide();
            entry.fire();
        });
        var rows = window.progress().table().getItems();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> rows.size() == 4
                && rows.get(0).noteProperty().get().startsWith("no word from its worker for 5 min")
                && rows.get(2).noteProperty().get().equals("out of memory"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ShotProgress.State.FAILED, rows.get(2).stateProperty().get(), "failed while the job runs on");
        assertEquals(ShotProgress.State.RUNNING, rows.get(0).stateProperty().get());

        robot.interact(() -> window.cancelButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.status().getText().startsWith("cancelled job "));
        WaitForAsyncUtils.waitForFxEvents();
        StringBuilder seen = new StringBuilder();
        for (ShotProgress p : rows) {
            seen.append(p.shot()).append(' ').append(p.stateProperty().get()).append(" [")
                    .append(p.noteProperty().get()).append("]; ");
        }
        assertEquals(ShotProgress.State.CANCELLED, rows.get(0).stateProperty().get(), seen.toString());
        assertEquals("", rows.get(0).noteProperty().get(), "no silence kept: " + seen);
        assertEquals(ShotProgress.State.CANCELLED, rows.get(1).stateProperty().get(), seen.toString());
        assertEquals(ShotProgress.State.FAILED, rows.get(2).stateProperty().get(), seen.toString());
        assertEquals("out of memory", rows.get(2).noteProperty().get(), seen.toString());
        assertEquals(ShotProgress.State.NOT_RUN, rows.get(3).stateProperty().get(), seen.toString());
    }

    private static void setBeat(JobId id, int shot, Instant beat) {
        CLOUD.dynamoDb().updateItem(r -> r.tableName(CloudSettings.DEFAULT_TABLE)
                .key(Map.of("pk", AttributeValue.fromS("JOB#" + id), "sk", AttributeValue.fromS("SHOT#" + shot)))
                .updateExpression("SET beat = :b").expressionAttributeValues(Map.of(":b", AttributeValue.fromS(beat.toString()))));
    }
}

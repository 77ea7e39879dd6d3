package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Cloud jobs menu when the local cloud's emulators are not running: what to do, not the SDK's error. */
@ExtendWith(ApplicationExtension.class)
class CloudJobsMenuTest {

    private static final List<String> PORTS = List.of("SEISWORK_S3_PORT", "SEISWORK_SQS_PORT", "SEISWORK_DYNAMODB_PORT");

    @TempDir
    static Path dir;

    private ProjectWindow window;

    @Start
    void start(Stage stage) {
        window = ProjectWindows.show(stage, dir, 1200, 800);
    }

    @AfterEach
    void close(FxRobot robot) {
        ProjectWindows.shutDown(robot, window);
    }

    @Test
    void aLocalCloudNotRunningSaysHowToStartIt(FxRobot robot) throws Exception {
        java.util.Map<String, String> before = new java.util.HashMap<>();
        PORTS.forEach(p -> before.put(p, System.getProperty(p)));
        PORTS.forEach(p -> System.setProperty(p, "1"));  // nothing listens on port 1
        try {
            robot.interact(() -> window.runOnChoice().setValue(RunTarget.LOCAL_CLOUD));
            robot.interact(() -> window.cloudJobsMenu().show());
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.cloudJobsMenu().getItems().size() == 1
                    && !window.cloudJobsMenu().getItems().get(0).getText().startsWith("reading"));
            WaitForAsyncUtils.waitForFxEvents();
            MenuItem only = window.cloudJobsMenu().getItems().get(0);
            assertEquals("cannot reach the local cloud: SQS (ElasticMQ) at http://127.0.0.1:1: connection refused, S3"
                    + " (S3Proxy) at http://127.0.0.1:1: connection refused, DynamoDB (dynalite) at http://127.0.0.1:1:"
                    + " connection refused; start the local cloud with scripts/cloud-local.sh start", only.getText());
            assertTrue(only.isDisable());
            robot.interact(() -> window.cloudJobsMenu().hide());
        } finally {
            before.forEach((p, v) -> {
                if (v == null) {
                    System.clearProperty(p);
                } else {
                    System.setProperty(p, v);
                }
            });
        }
    }
}

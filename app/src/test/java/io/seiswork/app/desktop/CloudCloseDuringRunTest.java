package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.testing.LocalCloud;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Closing the window while its job runs in the local cloud (the emulators over HTTP, a worker in
 * the window running its shots) asks first, as for a local run, but says that the job goes on in
 * the cloud: Cancel keeps the window and the following; Close closes it and leaves the job as it
 * was in the job table, neither cancelled nor failed.
 */
class CloudCloseDuringRunTest extends CloudWindowTestBase {

    /** On a stage of its own, which the application's close question is set on ({@link WorkstationApplication#dress}). */
    CloudCloseDuringRunTest() {
        super(true);
    }

    @Test
    void closingDuringACloudRunAsksAndLeavesTheJobRunning(FxRobot robot) throws Exception {
        String name = LocalCloud.uniqueName("close-cloud");
        // Shots of 60 s (a few seconds of the CPU each): the job is still running when the window closes, and
        // its worker, the window's, stops then (shots of 8 s let the job reach its stacking before the close).
        Path spec = DesktopSpecs.model2d(dir, name, 6, 60.0);
        open(robot, spec);
        robot.interact(() -> {
            WorkstationApplication.dress(stage, window);
            window.runOnChoice().setValue(RunTarget.LOCAL_CLOUD);
        });
        robot.interact(() -> window.runButton().fire());
        // Running in the cloud: submitted, and the window's worker into a shot.
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.running() && window.progress().table().getItems()
                .stream().anyMatch(p -> p.fractionProperty().get() > 0));
        try (CloudClients c = new CloudClients(CloudSettings.local(CloudSettings.environment()))) {
            Dispatcher d = Dispatcher.of(c);
            JobRecord job = d.recentJobs(100).stream().filter(j -> j.id().toString().startsWith(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no job of " + name + " in the table"));
            try {
                closeBox();
                DialogPane ask = dialog(robot);
                assertEquals("closeDuringRun", ask.getId());
                String text = ask.getContentText();
                assertTrue(text.startsWith("Job " + job.id() + " is running in the local cloud: close the window?"), text);
                assertTrue(text.contains("Closing does not cancel the job: it goes on in the local cloud"), text);
                Button cancel = (Button) ask.lookupButton(ButtonType.CANCEL);
                assertTrue(cancel.isDefaultButton(), "Enter keeps the window");
                robot.interact(cancel::fire);
                WaitForAsyncUtils.waitForFxEvents();
                assertTrue(stage.isShowing(), "the window stays");
                assertTrue(window.running(), "the job is still followed");

                closeBox();
                DialogPane again = dialog(robot);
                Button close = (Button) again.getButtonTypes().stream().filter(b -> b.getText().equals("Close"))
                        .findFirst().map(again::lookupButton).orElseThrow();
                assertFalse(close.isDefaultButton());
                robot.interact(close::fire);
                WaitForAsyncUtils.waitForFxEvents();
                assertFalse(stage.isShowing(), "closed");
                // What the application's stop() does once the window has closed: the following stops, not the job.
                ProjectWindows.shutDown(robot, window);
                JobStatus after = d.table().job(job.id()).orElseThrow().status();
                assertFalse(after.isFinal(), "the job goes on in the cloud: " + after);
            } finally {
                d.cancel(job.id());  // no worker of a later test runs it
            }
        }
    }
}

package io.seiswork.app.desktop;

import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.config.LocalCloudDown;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;

/**
 * The tool bar's Cloud jobs menu: the recent jobs of the cloud the tool bar's Run on names, to
 * follow, resume or delete. The job table is read, and a job deleted, on the window's I/O thread.
 */
final class CloudJobsMenu extends MenuButton {

    /** Follows a job of the menu in the window, resumed first when {@code resume}. */
    @FunctionalInterface
    interface Follower {
        void follow(RunTarget target, JobRecord job, boolean resume);
    }

    private final Supplier<RunTarget> target;
    private final ExecutorService io;
    private final Consumer<String> status;
    private final Questions questions;
    private final Follower follower;

    /**
     * @param target the tool bar's Run on, asked when the menu opens
     * @param io where the job table is read and jobs deleted
     * @param status shows a line on the window's status line (JavaFX thread)
     */
    CloudJobsMenu(Supplier<RunTarget> target, ExecutorService io, Consumer<String> status, Questions questions,
            Follower follower) {
        super("Cloud jobs");
        this.target = target;
        this.io = io;
        this.status = status;
        this.questions = questions;
        this.follower = follower;
        setId("cloudJobs");
        setTooltip(new Tooltip("The cloud's recent jobs (the tool bar's cloud): pick one to follow its shots "
                + "here and get its outputs when it is done; a failed or cancelled one can be resumed"));
        setOnShowing(e -> listCloudJobs());
    }

    /**
     * Fills the Cloud jobs menu with the tool bar's cloud's recent jobs, read off the JavaFX thread;
     * a cloud that does not answer is one disabled line.
     */
    private void listCloudJobs() {
        RunTarget target = this.target.get();
        if (target == null || target.cloud() == null) {
            return;
        }
        getItems().setAll(MenuItems.line("reading the " + target + " job table..."));
        io.submit(() -> {
            List<MenuItem> items = new java.util.ArrayList<>();
            CloudSettings settings = null;
            try {
                settings = CloudRun.settings(target.cloud());
            } catch (RuntimeException e) {
                items.add(MenuItems.line("cannot read the " + target + " jobs: " + ProblemLine.of(e)));
                Platform.runLater(() -> getItems().setAll(items));
                return;
            }
            try (CloudClients clients = CloudClients.forUser(settings)) {
                for (JobRecord j : Dispatcher.of(clients).recentJobs(20)) {
                    String line = String.format(java.util.Locale.ROOT, "%s   %s %s %d/%d", j.id(), j.task(), j.status(),
                            j.done(), j.total());
                    items.add(j.status().isFinal() ? endedJobMenu(target, j, line) : followItem(target, j, line));
                }
            } catch (RuntimeException e) {
                items.clear();
                // Not the SDK's account of its retries: what Run on that cloud says, and what to do.
                items.add(MenuItems.line(e instanceof LocalCloudDown ? e.getMessage()
                        : CloudRun.isUnreachable(e) ? CloudRun.unreachable(settings)
                        : "cannot read the " + target + " jobs: " + ProblemLine.of(e)));
            }
            if (items.isEmpty()) {
                items.add(MenuItems.line("no jobs in the " + target + " yet"));
            }
            Platform.runLater(() -> getItems().setAll(items));
        });
    }

    private static boolean resumable(JobRecord job) {
        return job.status() == JobStatus.FAILED || job.status() == JobStatus.CANCELLED;
    }

    private MenuItem followItem(RunTarget target, JobRecord job, String text) {
        MenuItem item = MenuItems.item(text);
        item.setOnAction(e -> follower.follow(target, job, false));
        return item;
    }

    /**
     * An ended job's entry: Follow (its rows as they ended; a DONE job's outputs fetched), for a
     * failed or cancelled one Resume (its unfinished shots run again, its done ones kept, as
     * {@code seiswork resume} does), and Delete (its stored files and items, as
     * {@code seiswork delete} does, once confirmed).
     */
    private Menu endedJobMenu(RunTarget target, JobRecord job, String text) {
        Menu menu = MenuItems.menu(text);
        MenuItem follow = new MenuItem("Follow");
        follow.setOnAction(e -> follower.follow(target, job, false));
        menu.getItems().add(follow);
        if (resumable(job)) {
            int unfinished = job.total() - job.done();
            MenuItem resume = new MenuItem(unfinished == 0 ? "Resume: stack its " + job.total() + " done shots again"
                    : String.format(java.util.Locale.ROOT, "Resume: run its %d unfinished shot%s, keep its %d done",
                            unfinished, unfinished == 1 ? "" : "s", job.done()));
            resume.setOnAction(e -> follower.follow(target, job, true));
            menu.getItems().add(resume);
        }
        MenuItem delete = new MenuItem("Delete...");
        delete.setOnAction(e -> deleteCloudJob(target, job));
        menu.getItems().add(delete);
        return menu;
    }

    /**
     * Deletes an ended job once the user confirms, on the I/O thread; the status bar says what
     * was deleted, or why not.
     */
    private void deleteCloudJob(RunTarget target, JobRecord job) {
        if (!questions.confirmed("Delete a cloud job", "Delete job " + job.id() + " for good? Its spec, "
                + (job.status() == JobStatus.DONE ? "outputs" : "stored shot results (kept for a resume)")
                + " and items in the " + target + " are deleted; files already fetched to this machine stay.", "Delete",
                "deleteCloudJob")) {
            return;
        }
        status.accept("Deleting job " + job.id() + " in the " + target + "...");
        io.submit(() -> {
            String said;
            try (CloudClients clients = CloudClients.forUser(CloudRun.settings(target.cloud()))) {
                said = Dispatcher.of(clients).delete(job.id()).summary();
            } catch (RuntimeException e) {
                said = "cannot delete job " + job.id() + ": " + ProblemLine.of(e);
            }
            String line = said;
            Platform.runLater(() -> status.accept(line));
        });
    }
}

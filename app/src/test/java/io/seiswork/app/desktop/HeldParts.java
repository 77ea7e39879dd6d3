package io.seiswork.app.desktop;

import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.cloud.testing.PartGate;
import java.util.concurrent.TimeUnit;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The cloud runs of a test's window, until {@link #close}, made with parts of {@value #PART_BYTES}
 * bytes, two at a time, through an S3 client whose {@link PartGate} holds every part but the
 * first in flight ({@link ProjectWindow#setDispatchers}): a transfer of a few parts is known to be
 * mid-way, part 1 done and two parts moving, when the test presses Cancel, however fast the
 * machine, and costs a few MiB rather than the GB it took to be sure of it by size alone.
 */
final class HeldParts implements AutoCloseable {

    /** The part size of the window's transfers: S3's least, 5 MiB. */
    static final int PART_BYTES = 5 << 20;

    /** Holds the window's parts a MiB in. */
    final PartGate gate = new PartGate(1 << 20);
    /** The emulators' dispatcher as a window makes it, parts of 64 MiB, for the test's own looks. */
    final Dispatcher plain;
    /** The window's dispatcher: parts of {@link #PART_BYTES}, held by {@link #gate}. */
    final Dispatcher small;
    private final S3Client s3;
    private final CloudClients clients;

    private final ProjectWindow window;

    /** Makes {@code window}'s cloud runs with {@link #small} until {@link #close}. */
    HeldParts(LocalCloud cloud, ProjectWindow window) {
        this.window = window;
        s3 = cloud.s3SeenBy(gate);
        clients = new CloudClients(CloudSettings.local(CloudSettings.environment()));
        plain = Dispatcher.of(clients);
        small = new Dispatcher(new ArtifactStore(s3, plain.store().bucket(), PART_BYTES, 2), plain.table(), plain.queue());
        window.setDispatchers(c -> small);
    }

    /**
     * Presses the window's Cancel once its transfer holds two parts in flight, lets them go on,
     * and waits at most {@code promptlyS} for the window to stop.
     *
     * @return seconds from the press until the window had stopped
     */
    double cancel(FxRobot robot, ProjectWindow window, int promptlyS) throws Exception {
        long cancelled = gate.cancelWhileHeld(2, 300, () -> robot.clickOn("#cancelButton"));
        WaitForAsyncUtils.waitFor(promptlyS, TimeUnit.SECONDS, () -> !window.running());
        double tookS = (System.nanoTime() - cancelled) * 1e-9;
        WaitForAsyncUtils.waitForFxEvents();
        return tookS;
    }

    /** The window's later runs make their own dispatcher again. */
    @Override
    public void close() {
        window.setDispatchers(Dispatcher::of);
        s3.close();
        clients.close();
    }
}

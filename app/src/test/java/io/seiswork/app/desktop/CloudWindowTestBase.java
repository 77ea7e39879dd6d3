package io.seiswork.app.desktop;

import io.seiswork.cloud.testing.LocalCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@link WindowTestBase} whose window sends its runs to the local cloud: the emulators of
 * {@code scripts/cloud-local.sh} (the class is skipped, saying why, without them), Seiswork's
 * cloud settings pointed at them for the class, in a window of 1200 x 800 pixels.
 */
abstract class CloudWindowTestBase extends WindowTestBase {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @BeforeAll
    static void pointAtTheEmulators() {
        CLOUD.pointSeiswork();
    }

    @AfterAll
    static void forgetTheEmulators() {
        LocalCloud.forgetSeiswork();
    }

    CloudWindowTestBase() {
        this(false);
    }

    /** @param ownStage whether the window has a stage of its own ({@link WindowTestBase#WindowTestBase(double, double, boolean)}) */
    CloudWindowTestBase(boolean ownStage) {
        super(1200, 800, ownStage);
    }
}

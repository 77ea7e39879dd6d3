package io.seiswork.kernels.engine.cuda;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the {@code @Tag("gpu")} tests of the kernels module without Maven (scripts/gpu-check.sh
 * uses it, so a GPU machine needs only the built classes and the dependency jars). Exit status:
 * 0 all passed, 1 a test failed, 3 every GPU test was skipped (no usable GPU: the probe's reason
 * is printed).
 */
public final class GpuTestMain {

    private GpuTestMain() {
    }

    public static void main(String[] args) {
        System.out.println("gpu-tests: probe: available=" + CudaProbe.available() + ", " + CudaProbe.reason());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("io.seiswork.kernels"))
                .filters(TagFilter.includeTags("gpu"))
                // Classes by @Order: the ones exercising code not yet run on a GPU go last, so a
                // kernel that traps (which poisons the CUDA context) cannot fail the others.
                .configurationParameter("junit.jupiter.testclass.order.default",
                        "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary s = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        s.printTo(out);
        s.printFailuresTo(out, 30);
        if (s.getTotalFailureCount() > 0) {
            System.exit(1);
        }
        if (s.getTestsSucceededCount() == 0) {
            System.out.println("gpu-tests: no GPU test ran: " + CudaProbe.reason());
            System.exit(3);
        }
        System.out.println("gpu-tests: " + s.getTestsSucceededCount() + " GPU tests passed");
    }
}

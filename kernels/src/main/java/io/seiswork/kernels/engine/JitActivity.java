package io.seiswork.kernels.engine;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * What this JVM's JIT is doing, as a speed measurement asks it ({@link EngineSpeed.Jit}): the time
 * it has spent compiling, and whether it is compiling the engine's code now.
 *
 * <p>The compilation time alone misses a compilation under way: the JVM adds a method's time when
 * it is done, and on a busy machine one C2 compilation of a kernel takes seconds of wall time, its
 * thread waiting for a core (the 3D demo's first shot at a load of 13 on 2 cores: 38 s of
 * compilation added in one go, {@code VectorLayerKernel::columnOne} and {@code
 * VectorCpml::correctZRow} in C2 for most of it). A warm-up's last runs and the timed runs may all
 * fall inside one such compilation and time half-compiled code whose speed agrees with itself:
 * counted as settled, a 3D estimate at a load of 10 timed 0.027 Gpts/s where the run went at 0.139.
 * So HotSpot's compile queue is read too (the {@code Compiler.queue} diagnostic command, as
 * {@code jcmd PID Compiler.queue} prints it: the compilations under way and those waiting): a
 * method of the engine's packages there, and the JIT is not done with the engine. Other code (a
 * window's) compiling does not count.
 */
final class JitActivity implements EngineSpeed.Jit {

    /** The packages whose compilation the engine's speed waits for: its kernels and what they call. */
    private static final String[] ENGINE_PACKAGES = {"io.seiswork.kernels.", "io.seiswork.core."};

    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    /** False once the diagnostic command could not be had (another JVM, or a runtime without jdk.management). */
    private boolean queueReadable = true;

    @Override
    public long compilationMillis() {
        return compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime() : -1;
    }

    @Override
    public boolean compilingEngine() {
        String queue = compileQueue();
        return queue != null && namesEngine(queue);
    }

    /** Whether {@code queue}, as {@code Compiler.queue} prints it, names a method of the engine's packages. */
    static boolean namesEngine(String queue) {
        for (String line : queue.split("\n")) {
            if (line.contains("::")) {
                for (String p : ENGINE_PACKAGES) {
                    if (line.contains(" " + p)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The compile queue's text, or null where the JVM does not give it. */
    private String compileQueue() {
        if (!queueReadable) {
            return null;
        }
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerQueue",
                    new Object[] {null}, new String[] {String[].class.getName()});
            return text instanceof String s ? s : null;
        } catch (JMException | RuntimeException e) {
            queueReadable = false;  // the compilation time alone, then
            return null;
        }
    }
}

package io.seiswork.worker;

/**
 * A stand-in for a worker in another process (another container on the same instance): claims a
 * scratch folder in {@code args[0]} as worker {@code args[1]}, prints the folder, and holds it until
 * killed, never closing it, as a worker that dies mid-shot would.
 */
public final class ScratchHolder {
    public static void main(String[] args) throws Exception {
        WorkerScratch scratch = WorkerScratch.claim(java.nio.file.Path.of(args[0]), args[1]);
        System.out.println(scratch.dir());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

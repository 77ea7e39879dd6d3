package io.seiswork.kernels.engine.cuda;

/**
 * Freeing GPU and pinned host resources, where one failure must not leave the rest allocated:
 * after a failed kernel the context is unusable and every later driver call fails too, yet the
 * memory, events, streams and scratch files held so far must still be let go. Every step is
 * attempted; the first failure is returned (or ignored, where the caller is already failing).
 */
final class Release {

    /** One freeing step, for example {@code () -> cuMemFree(p)}. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private Release() {
    }

    /** Runs every step in order, whatever the earlier ones did; returns the first failure, or null. */
    static RuntimeException all(Step... steps) {
        RuntimeException first = null;
        for (Step s : steps) {
            try {
                s.run();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
                }
            }
        }
        return first;
    }

    /** Runs {@code step} and ignores its failure: the caller is failing already, or one error was reported. */
    static void quietly(Step step) {
        all(step);
    }
}

package io.seiswork.render.task;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the latest request of one view off the JavaFX thread and drops every older one: each
 * {@link #submit} bumps a generation counter and cancels the previous request's {@link Future},
 * so a request still queued never starts and a running one stops before its next step; a result
 * is handed to the view (through {@code publisher}, normally {@code Platform::runLater}) only
 * while its generation is still the latest, checked both on the worker and again on the JavaFX
 * thread. A request is a list of steps (a coarse pyramid level, then finer ones), each published
 * as soon as it is ready.
 *
 * <p>Running steps are not interrupted: an interrupt during a {@code FileChannel} read closes
 * the channel (it is an {@code InterruptibleChannel}), which would break the volume reader for
 * every later request. A step given to {@link #submitCancellable} is handed instead a question,
 * "superseded?", to ask between pieces of its work (a volume reader asks it between bricks) and
 * gives up by throwing {@link CancellationException}: a level-0 depth slice of thousands of bricks
 * then stops within a brick of the slider moving on, instead of reading gigabytes nobody sees.
 *
 * <p>{@link #submit} is called from one thread (the JavaFX thread); the steps run on
 * {@code executor}.
 *
 * @param <T> what a step produces (pixels ready to show)
 */
public final class LatestOnly<T> {

    private final ExecutorService executor;
    private final Executor publisher;
    private final AtomicLong generation = new AtomicLong();
    private Future<?> current;

    /** Steps run on {@code executor}; results and errors are delivered through {@code publisher}. */
    public LatestOnly(ExecutorService executor, Executor publisher) {
        this.executor = executor;
        this.publisher = publisher;
    }

    /**
     * Cancels the request in flight and starts {@code steps}; {@code apply} receives each step's
     * result in order, {@code onError} the first failure (neither is called once superseded).
     */
    public void submit(List<Supplier<T>> steps, Consumer<T> apply, Consumer<Throwable> onError) {
        submitCancellable(steps.stream().<Function<BooleanSupplier, T>>map(s -> superseded -> s.get()).toList(),
                apply, onError);
    }

    /**
     * As {@link #submit}, each step given a {@code superseded} question to ask between pieces of
     * its work: true once a newer request has been submitted. A step that sees true may throw
     * {@link CancellationException}; that ends the request silently (it is not an error).
     */
    public void submitCancellable(List<Function<BooleanSupplier, T>> steps, Consumer<T> apply,
            Consumer<Throwable> onError) {
        long gen = generation.incrementAndGet();
        BooleanSupplier superseded = () -> gen != generation.get();
        if (current != null) {
            current.cancel(false);
        }
        current = executor.submit(() -> {
            for (Function<BooleanSupplier, T> step : steps) {
                if (superseded.getAsBoolean()) {
                    return;
                }
                T result;
                try {
                    result = step.apply(superseded);
                } catch (CancellationException e) {
                    return;
                } catch (RuntimeException | OutOfMemoryError e) {  // a picture too large for the heap: said, not lost
                    publish(gen, () -> onError.accept(e));
                    return;
                }
                publish(gen, () -> apply.accept(result));
            }
        });
    }

    private void publish(long gen, Runnable r) {
        if (gen == generation.get()) {
            publisher.execute(() -> {
                if (gen == generation.get()) {
                    r.run();
                }
            });
        }
    }

    /** The generation of the latest request (0 before the first). */
    public long generation() {
        return generation.get();
    }
}

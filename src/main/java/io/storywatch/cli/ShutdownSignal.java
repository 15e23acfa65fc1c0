package io.storywatch.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM/SIGINT into a request the command's own thread can wait for, and holds the JVM's exit until that
 * thread has closed everything it opened (stages first, then the broker).
 */
final class ShutdownSignal implements AutoCloseable {

    private static final Duration MAX_CLEANUP = Duration.ofSeconds(90);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private ShutdownSignal() {
        hook = new Thread(() -> {
            requested.countDown();
            try {
                finished.await(MAX_CLEANUP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "storywatch-shutdown");
    }

    static ShutdownSignal install() {
        ShutdownSignal signal = new ShutdownSignal();
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** Waits up to {@code timeout} for a stop request; true once one came. */
    boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Lets the JVM finish exiting; call after everything is closed. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and now returns
        }
    }
}

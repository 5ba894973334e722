package dev.tickerplant.daemon.systemd;

import io.netty.channel.EventLoop;
import java.util.concurrent.CountDownLatch;

/** An event loop kept busy by a task that waits until {@link #close()}: what a stuck loop looks like to the probe. */
final class HeldLoop implements AutoCloseable {
    private final CountDownLatch release = new CountDownLatch(1);

    private HeldLoop() {
    }

    /** Returns once the loop is running the holding task. */
    static HeldLoop hold(EventLoop loop) throws InterruptedException {
        HeldLoop held = new HeldLoop();
        CountDownLatch running = new CountDownLatch(1);
        loop.execute(() -> {
            running.countDown();
            try {
                held.release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        running.await();
        return held;
    }

    @Override
    public void close() {
        release.countDown();
    }
}

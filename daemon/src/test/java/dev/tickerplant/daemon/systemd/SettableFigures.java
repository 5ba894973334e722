package dev.tickerplant.daemon.systemd;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Figures a test sets by hand, over real event loops: what the liveness probe and the service manager read. */
final class SettableFigures implements ServiceFigures {
    volatile String health;
    volatile String status;
    final AtomicLong claimed = new AtomicLong(-1);
    final AtomicLong consumed = new AtomicLong(-1);
    private final EventLoopGroup group;

    SettableFigures(EventLoopGroup group, String health, String status) {
        this.group = group;
        this.health = health;
        this.status = status;
    }

    @Override
    public String healthStatus() {
        return health;
    }

    @Override
    public String statusLine() {
        return status;
    }

    @Override
    public List<EventLoop> eventLoops() {
        List<EventLoop> loops = new ArrayList<>();
        group.forEach(e -> loops.add((EventLoop) e));
        return loops;
    }

    @Override
    public long ringClaimed() {
        return claimed.get();
    }

    @Override
    public long ringConsumed() {
        return consumed.get();
    }
}

package dev.tickerplant.daemon.systemd;

import io.netty.channel.EventLoop;
import java.util.List;

/** What the service manager's notifications are made of; read on its own thread. */
public interface ServiceFigures {
    /** The status /health reports: {@code ready}, {@code degraded} or {@code down}. */
    String healthStatus();

    /** One line for {@code systemctl status}, e.g. "20/20 connected, 300/300 products receiving data". */
    String statusLine();

    /** Every Netty event loop of the daemon. */
    List<EventLoop> eventLoops();

    /** The highest ring sequence claimed by a producer. */
    long ringClaimed();

    /** The highest ring sequence the consumer has finished with. */
    long ringConsumed();
}

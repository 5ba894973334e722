package dev.tickerplant.sim.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EmittedTickLogTest {

    private final ProductCatalog catalog = ProductCatalog.generate(1);
    private final TickGenerator generator = new TickGenerator(catalog, 1,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    private List<Tick> ticks(int count) {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ticks.add(generator.next());
        }
        return ticks;
    }

    @Test
    void keepsTicksPerProductInEmissionOrder() {
        EmittedTickLog log = new EmittedTickLog(1_000);
        List<Tick> ticks = ticks(500);
        log.appendAll(ticks.subList(0, 200));
        log.appendAll(ticks.subList(200, 500));
        assertEquals(500, log.total());
        List<Tick> btc = log.ticksFor("BTC-USD");
        assertEquals(ticks.stream().filter(t -> t.productId().equals("BTC-USD")).toList(), btc);
        for (int i = 0; i < btc.size(); i++) {
            assertEquals(i + 1, btc.get(i).emission());
        }
        assertEquals(btc.get(2), log.find("BTC-USD", 3).orElseThrow());
        assertTrue(log.ticksFor("NOPE-USD").isEmpty());
    }

    @Test
    void forgetsTheOldestBeyondCapacity() {
        EmittedTickLog log = new EmittedTickLog(100);
        List<Tick> ticks = ticks(250);
        log.appendAll(ticks);
        assertEquals(250, log.total());
        assertEquals(100, log.retained());
        assertEquals(ticks.subList(150, 250), log.all());
    }

    @Test
    void readersGetConsistentCopiesWhileThePumpWrites() throws InterruptedException {
        EmittedTickLog log = new EmittedTickLog(70_000);
        List<Tick> ticks = ticks(60_000);
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (log.total() < ticks.size() && problem.get() == null) {
                List<Tick> btc = log.ticksFor("BTC-USD");
                for (int i = 0; i < btc.size(); i++) {
                    if (btc.get(i).emission() != i + 1) {
                        problem.set("gap at " + i + ": " + btc.get(i).emission());
                    }
                }
            }
        });
        reader.start();
        for (int i = 0; i < ticks.size(); i += 100) {
            log.appendAll(ticks.subList(i, i + 100));
        }
        reader.join(10_000);
        assertEquals(null, problem.get());
        assertEquals(ticks.size(), log.all().size());
    }
}

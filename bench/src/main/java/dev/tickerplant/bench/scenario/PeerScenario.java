package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.BenchPlan;
import dev.tickerplant.bench.BenchStack;
import dev.tickerplant.bench.RunContext;
import dev.tickerplant.bench.process.JavaProcess;
import dev.tickerplant.bench.process.ProcFs;
import dev.tickerplant.bench.stats.LatencySummary;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The peer in the same run: XChange-stream and tickerplant follow the same 300 products of the same simulated
 * Exchange feed at the same time (2 000 ticks/s, constant schedule). tickerplant serves one subscriber, the nearest
 * thing to XChange's one in-process callback. Compared: CPU per tick of each process, and latency from the intended
 * send time to XChange's callback, to tickerplant's ring consumer (its own histograms) and to tickerplant's subscriber.
 */
public final class PeerScenario {

    public static final String TICKERPLANT_SERIES = "tickerplant, 1 subscriber";
    public static final String PEER_SERIES = "XChange-stream callback";

    private PeerScenario() {
    }

    public static Outcome run(RunContext context) {
        BenchPlan plan = context.plan();
        try (BenchStack stack = BenchStack.start(context, new BenchStack.Spec("peer", "exchange",
                BenchPlan.LATENCY_RATE, true))) {
            JavaProcess subscriber = stack.startSubscribers("subscriber", 1);
            JavaProcess peer = stack.startPeer();
            Measure.pause(plan.warmUp());
            Measure.reset(subscriber);
            Measure.reset(peer);
            Measure.DaemonMark mark = Measure.mark(stack);
            ProcFs.Sample peerFrom = ProcFs.sample(peer.pid());
            long maxHeap = Measure.runWindow(stack, plan.latencyWindow());
            ProcFs.Sample peerTo = ProcFs.sample(peer.pid());
            Map<String, Object> peerReport = Measure.report(peer, false);
            Subscribers received = Subscribers.of(Measure.report(subscriber, false));
            Map<String, Object> daemon = Measure.daemonFigures(stack, mark, maxHeap, received.tickers());
            long peerTicks = ((Number) peerReport.get("tickers")).longValue();
            Histogram peerLatency = Measure.histogram(peerReport, "callback");

            Map<String, Object> peerJson = new LinkedHashMap<>();
            peerJson.put("library", "org.knowm.xchange:xchange-stream-coinbasepro");
            peerJson.put("ticks", peerTicks);
            peerJson.putAll(Measure.clientCpu(peerFrom, peerTo, peerTicks));
            peerJson.put("callback", LatencySummary.ofNanos(peerLatency).toJson());

            Map<String, Object> json = new LinkedHashMap<>();
            json.put("upstream_protocol", "exchange");
            json.put("tick_rate", BenchPlan.LATENCY_RATE);
            json.put("cold_start_ms", Measure.millis(stack.coldStart()));
            json.put("tickerplant_daemon", daemon);
            json.put("tickerplant_subscriber", received.toJson());
            json.put("tickerplant_stages_since_start", stack.daemonLatencies());
            json.put("peer", peerJson);
            json.put("ratios", ratios(daemon, received, peerJson, peerLatency));
            return new Outcome(json, Map.of(TICKERPLANT_SERIES, received.endToEnd(), PEER_SERIES, peerLatency));
        }
    }

    private static Map<String, Object> ratios(Map<String, Object> daemon, Subscribers received,
                                              Map<String, Object> peer, Histogram peerLatency) {
        Map<String, Object> json = new LinkedHashMap<>();
        double daemonCpu = ((Number) daemon.get("cpu_us_per_tick")).doubleValue();
        double peerCpu = ((Number) peer.get("cpu_us_per_tick")).doubleValue();
        json.put("cpu_per_tick_tickerplant_over_peer", daemonCpu / peerCpu);
        LatencySummary ours = LatencySummary.ofNanos(received.endToEnd());
        LatencySummary theirs = LatencySummary.ofNanos(peerLatency);
        json.put("p99_subscriber_over_peer_callback", ours.p99Micros() / theirs.p99Micros());
        json.put("p50_subscriber_over_peer_callback", ours.p50Micros() / theirs.p50Micros());
        return json;
    }
}

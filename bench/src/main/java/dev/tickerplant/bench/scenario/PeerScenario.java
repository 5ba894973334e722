package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.BenchPlan;
import dev.tickerplant.bench.BenchStack;
import dev.tickerplant.bench.RunContext;
import dev.tickerplant.bench.process.JavaProcess;
import dev.tickerplant.bench.process.ProcFs;
import dev.tickerplant.bench.stats.LatencySummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The peer in the same run: XChange-stream and tickerplant follow the same 300 products of the same simulated
 * Exchange feed at the same time (constant schedule), first at 200 ticks/s, which both keep up with, then at 2 000.
 * tickerplant serves one subscriber, the nearest thing to XChange's one in-process callback. Compared at each rate:
 * CPU per tick of each process, and latency from the intended send time to XChange's callback and to tickerplant's
 * subscriber (plus tickerplant's own stage histograms).
 */
public final class PeerScenario {

    private PeerScenario() {
    }

    public static String tickerplantSeries(int rate) {
        return "tickerplant, 1 subscriber, " + rate + " ticks/s";
    }

    public static String peerSeries(int rate) {
        return "XChange-stream callback, " + rate + " ticks/s";
    }

    public static Outcome run(RunContext context) {
        BenchPlan plan = context.plan();
        List<Integer> rates = BenchPlan.PEER_RATES;
        try (BenchStack stack = BenchStack.start(context, new BenchStack.Spec("peer", "exchange", rates.get(0),
                true))) {
            JavaProcess subscriber = stack.startSubscribers("subscriber", 1);
            JavaProcess peer = stack.startPeer();
            List<Map<String, Object>> byRate = new ArrayList<>();
            Map<String, Histogram> series = new LinkedHashMap<>();
            for (int rate : rates) {
                stack.tickRate(rate);
                Measure.pause(plan.warmUp());
                ProcFs.Sample subscriberFrom = Measure.reset(subscriber);
                ProcFs.Sample peerFrom = Measure.reset(peer);
                Measure.DaemonMark mark = Measure.mark(stack);
                long maxHeap = Measure.runWindow(stack, plan.latencyWindow());
                ProcFs.Sample peerTo = ProcFs.sample(peer.pid());
                Map<String, Object> peerReport = Measure.report(peer, false);
                Subscribers received = Measure.subscribers(subscriber, false, subscriberFrom);
                Map<String, Object> daemon = Measure.daemonFigures(stack, mark, maxHeap, received.tickers());
                long peerTicks = ((Number) peerReport.get("tickers")).longValue();
                Histogram peerLatency = Measure.histogram(peerReport, "callback");

                Map<String, Object> peerJson = new LinkedHashMap<>();
                peerJson.put("library", "org.knowm.xchange:xchange-stream-coinbasepro");
                peerJson.put("ticks", peerTicks);
                peerJson.putAll(Measure.clientCpu(peerFrom, peerTo, peerTicks));
                // The library's delivery is its callback, one per ticker: per delivery is per tick.
                peerJson.put("cpu_us_per_delivery", peerJson.get("cpu_us_per_tick"));
                peerJson.put("callback", LatencySummary.ofNanos(peerLatency).toJson());

                Map<String, Object> json = new LinkedHashMap<>();
                json.put("tick_rate", rate);
                json.put("tickerplant_daemon", daemon);
                json.put("tickerplant_subscriber", received.toJson());
                json.put("peer", peerJson);
                json.put("ratios", ratios(daemon, received, peerJson, peerLatency));
                byRate.add(json);
                series.put(tickerplantSeries(rate), received.endToEnd());
                series.put(peerSeries(rate), peerLatency);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("upstream_protocol", "exchange");
            json.put("cold_start_ms", Measure.millis(stack.coldStart()));
            json.put("by_rate", byRate);
            json.put("tickerplant_stages_since_start", stack.daemonLatencies());
            return new Outcome(json, series);
        }
    }

    private static Map<String, Object> ratios(Map<String, Object> daemon, Subscribers received,
                                              Map<String, Object> peer, Histogram peerLatency) {
        Map<String, Object> json = new LinkedHashMap<>();
        Object daemonCpu = daemon.get("cpu_us_per_tick");
        double peerCpu = ((Number) peer.get("cpu_us_per_tick")).doubleValue();
        json.put("cpu_per_tick_tickerplant_over_peer",
                daemonCpu instanceof Number n ? n.doubleValue() / peerCpu : Double.NaN);
        LatencySummary ours = LatencySummary.ofNanos(received.endToEnd());
        LatencySummary theirs = LatencySummary.ofNanos(peerLatency);
        json.put("p99_subscriber_over_peer_callback", ours.p99Micros() / theirs.p99Micros());
        json.put("p50_subscriber_over_peer_callback", ours.p50Micros() / theirs.p50Micros());
        return json;
    }
}

package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.BusHealth;
import dev.tickerplant.bench.ScaleOutStack;
import dev.tickerplant.bench.process.ProcFs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes of a scale-out stack over one window: each one's CPU (user + system, /proc) as a share of a core and
 * per tick, and the nodes together (ingest, fanouts and nats-server: what the scaled-out daemon costs), per tick and
 * per delivery. A tick is one the ingest node accepted; a fanout node's own figure is per tick it read off the stream.
 */
final class ClusterWindow {

    static final String NATS_SERVER = "nats-server";
    static final String SIMULATOR = "simulator";

    private ClusterWindow() {
    }

    /**
     * The figures at one moment.
     *
     * @param cpu      by process name: the ingest node, the fanout nodes, nats-server and the simulator
     * @param accepted by daemon node: ticks its ring consumer accepted since start
     * @param stored   ticks the ingest node published that the stream stored, since start
     * @param dropped  ticks the ingest node could not hold for the bus, since start
     */
    record Mark(String ingest, List<String> fanouts, Map<String, ProcFs.Sample> cpu, Map<String, Long> accepted,
                long stored, long dropped) {

        Mark {
            fanouts = List.copyOf(fanouts);
            cpu = Map.copyOf(cpu);
            accepted = Map.copyOf(accepted);
        }
    }

    static Mark mark(ScaleOutStack stack) {
        Map<String, ProcFs.Sample> cpu = new LinkedHashMap<>();
        Map<String, Long> accepted = new LinkedHashMap<>();
        List<ScaleOutStack.Node> nodes = new ArrayList<>();
        nodes.add(stack.ingest());
        nodes.addAll(stack.fanouts());
        for (ScaleOutStack.Node node : nodes) {
            cpu.put(node.name(), ProcFs.sample(node.process().pid()));
        }
        cpu.put(NATS_SERVER, ProcFs.sample(stack.nats().pid()));
        cpu.put(SIMULATOR, ProcFs.sample(stack.simulator().pid()));
        for (ScaleOutStack.Node node : nodes) {
            accepted.put(node.name(), node.health().ringAccepted());
        }
        BusHealth bus = stack.ingest().bus();
        return new Mark(stack.ingest().name(), stack.fanouts().stream().map(ScaleOutStack.Node::name).toList(), cpu,
                accepted, bus.stored(), bus.dropped());
    }

    /** Every process's figures over the window between two marks, and the nodes together. */
    static Map<String, Object> figures(Mark from, Mark to, long deliveries) {
        long ticks = to.accepted().get(from.ingest()) - from.accepted().get(from.ingest());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("window_s", seconds(from.cpu().get(from.ingest()), to.cpu().get(from.ingest())));
        json.put("ticks_accepted_by_ingest", ticks);
        json.put("ticks_stored_in_stream", to.stored() - from.stored());
        json.put("ticks_dropped_for_the_bus", to.dropped() - from.dropped());
        json.put("deliveries", deliveries);
        long nodesCpu = 0;
        double nodesPercent = 0;
        for (String name : processes(from)) {
            ProcFs.Sample a = from.cpu().get(name);
            ProcFs.Sample b = to.cpu().get(name);
            boolean fanout = from.fanouts().contains(name);
            long ownTicks = fanout ? to.accepted().get(name) - from.accepted().get(name) : ticks;
            Map<String, Object> process = new LinkedHashMap<>(Measure.clientCpu(a, b, ownTicks));
            if (fanout) {
                process.put("ticks_read_from_stream", ownTicks);
            }
            json.put(name, process);
            if (!name.equals(SIMULATOR)) {
                nodesCpu += b.cpuNanos() - a.cpuNanos();
                nodesPercent += ProcFs.cpuPercentOfOneCore(a, b);
            }
        }
        Map<String, Object> nodes = new LinkedHashMap<>();
        nodes.put("cpu_percent_of_one_core", nodesPercent);
        nodes.put("cpu_us_per_tick", BusHop.microsEach(nodesCpu, ticks));
        nodes.put("cpu_us_per_delivery", BusHop.microsEach(nodesCpu, deliveries));
        json.put("all_nodes", nodes);
        return json;
    }

    /** The ingest node, the fanout nodes, nats-server, then the simulator (measured, not counted as a node). */
    private static List<String> processes(Mark mark) {
        List<String> names = new ArrayList<>();
        names.add(mark.ingest());
        names.addAll(mark.fanouts());
        names.add(NATS_SERVER);
        names.add(SIMULATOR);
        return names;
    }

    private static double seconds(ProcFs.Sample from, ProcFs.Sample to) {
        return (to.monotonicNanos() - from.monotonicNanos()) / 1e9;
    }
}

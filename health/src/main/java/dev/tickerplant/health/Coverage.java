package dev.tickerplant.health;

import dev.tickerplant.ingest.upstream.UpstreamConductor;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How much of the planned market is live right now: connections streaming and products receiving data.
 *
 * @param streaming   connections in state STREAMING
 * @param connections connections in the plan
 * @param receiving   products confirmed flowing on streaming connections
 * @param planned     products in the plan
 */
record Coverage(int streaming, int connections, int receiving, int planned) {

    Coverage {
        if (streaming < 0 || streaming > connections) {
            throw new IllegalArgumentException("streaming: " + streaming + " (expected: >= 0 and <= connections "
                    + connections + ")");
        }
        if (receiving < 0 || receiving > planned) {
            throw new IllegalArgumentException("receiving: " + receiving + " (expected: >= 0 and <= planned "
                    + planned + ")");
        }
    }

    static Coverage of(UpstreamConductor upstream) {
        int connections = upstream.sessions().size();
        int planned = upstream.plannedProducts();
        // Each figure is read on its own while sessions change state; clamp so one response stays self-consistent.
        int streaming = Math.min(upstream.streamingCount(), connections);
        int receiving = Math.min(upstream.productsReceiving(), planned);
        return new Coverage(streaming, connections, receiving, planned);
    }

    /** receiving / planned; 0 when nothing is planned, since following nothing is not a working ticker plant. */
    double ratio() {
        return planned == 0 ? 0.0 : (double) receiving / planned;
    }

    /** The seed system's wording, e.g. {@code 18/20 connected}. */
    String connectionsText() {
        return streaming + "/" + connections + " connected";
    }

    /** A percentage with one decimal, rounded half up, e.g. {@code 95.7%}. */
    String coverageText() {
        if (planned == 0) {
            return "0.0%";
        }
        BigDecimal percent = BigDecimal.valueOf(receiving).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(planned), 1, RoundingMode.HALF_UP);
        return percent.toPlainString() + "%";
    }
}

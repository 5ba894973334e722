package dev.tickerplant.sim.feed;

import java.util.Arrays;

/**
 * The last emission number a connection sent, per product index; -1 for none yet. Grows with the catalog, since
 * products listed at run time take indices past those the connection saw when it opened. Event-loop confined.
 */
final class EmissionMarks {

    private long[] marks;

    EmissionMarks(int products) {
        marks = new long[Math.max(products, 1)];
        Arrays.fill(marks, -1);
    }

    long get(int index) {
        return index < marks.length ? marks[index] : -1;
    }

    void set(int index, long emission) {
        if (index >= marks.length) {
            int oldLength = marks.length;
            marks = Arrays.copyOf(marks, Math.max(index + 1, oldLength * 2));
            Arrays.fill(marks, oldLength, marks.length, -1);
        }
        marks[index] = emission;
    }
}

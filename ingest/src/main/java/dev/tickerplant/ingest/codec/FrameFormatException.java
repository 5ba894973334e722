package dev.tickerplant.ingest.codec;

/**
 * A frame that is not the JSON Coinbase documents. The message is one line: where in the frame the problem is (a
 * path such as {@code events[0].tickers[1].price}, or a byte offset for broken JSON), what was found and what was
 * expected.
 */
public final class FrameFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Null while the problem is not yet placed in the frame; enclosing readers add their segment on the way out. */
    private String path;
    private final String problem;

    public FrameFormatException(String problem) {
        this(null, problem, null);
    }

    FrameFormatException(String path, String problem) {
        this(path, problem, null);
    }

    FrameFormatException(String path, String problem, Throwable cause) {
        super(problem, cause);
        this.path = path;
        this.problem = problem;
    }

    /**
     * Places the problem one level deeper: {@code within("events")} turns {@code [0].price} into
     * {@code events[0].price} and {@code price} into {@code events.price}. Done while unwinding so that the
     * error-free path never builds a path string.
     */
    FrameFormatException within(String parent) {
        if (path == null) {
            path = parent;
        } else if (path.startsWith("[")) {
            path = parent + path;
        } else {
            path = parent + "." + path;
        }
        return this;
    }

    /** Like {@link #within(String)} for an array element. */
    FrameFormatException withinElement(int index) {
        return within("[" + index + "]");
    }

    /** Where in the frame the problem is, or null when it concerns a value on its own. */
    public String path() {
        return path;
    }

    @Override
    public String getMessage() {
        return path == null ? problem : path + ": " + problem;
    }
}

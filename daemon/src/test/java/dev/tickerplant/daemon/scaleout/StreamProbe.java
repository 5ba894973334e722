package dev.tickerplant.daemon.scaleout;

import dev.tickerplant.testing.Json;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The tick stream as the test reads it, on a connection of its own: what the nodes stored, not what they say. */
final class StreamProbe implements AutoCloseable {
    /** One stored tick: its stream sequence, subject and the fields of its payload. */
    record Stored(long seq, String subject, Map<String, Object> ticker) {
        String product() {
            return (String) ticker.get("product_id");
        }

        String price() {
            return (String) ticker.get("price");
        }
    }

    private final Connection connection;
    private final JetStreamManagement jsm;
    private final String stream;

    StreamProbe(Options options, String stream) {
        this.stream = stream;
        try {
            this.connection = Nats.connect(options);
            this.jsm = connection.jetStreamManagement();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    StreamProbe(String url, String stream) {
        this(new Options.Builder().server(url).build(), stream);
    }

    Connection connection() {
        return connection;
    }

    /** The names of every stream on the server. */
    List<String> streamNames() {
        return call(jsm::getStreamNames);
    }

    StreamConfiguration configuration() {
        return call(() -> jsm.getStreamInfo(stream).getConfiguration());
    }

    /** Sequence of the last tick stored; 0 while none is (or the stream does not exist yet). */
    long lastSeq() {
        return call(() -> {
            try {
                return jsm.getStreamInfo(stream).getStreamState().getLastSequence();
            } catch (JetStreamApiException notYet) {
                return 0L;
            }
        });
    }

    /** The last tick of each subject the stream holds, by subject. */
    Map<String, Stored> latestPerSubject() {
        return call(() -> {
            Map<String, Stored> latest = new HashMap<>();
            for (Subject subject : jsm.getStreamInfo(stream, StreamInfoOptions.allSubjects()).getStreamState()
                    .getSubjects()) {
                latest.put(subject.getName(), stored(jsm.getLastMessage(stream, subject.getName())));
            }
            return latest;
        });
    }

    Stored at(long seq) {
        return call(() -> stored(jsm.getMessage(stream, seq)));
    }

    private static Stored stored(MessageInfo info) {
        return new Stored(info.getSeq(), info.getSubject(),
                Json.object(new String(info.getData(), StandardCharsets.UTF_8)));
    }

    private interface Call<T> {
        T run() throws IOException, JetStreamApiException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.tickerplant.coinbase.message;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes part of a JSON document with a streaming generator. */
@FunctionalInterface
public interface JsonBody {
    void write(JsonGenerator json) throws IOException;
}

package org.tokendrift.data;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The Gson set-ups of this package: output is plain UTF-8 (no HTML escaping) and stable in field order. */
final class Json {

    /** One value per line (JSONL). */
    static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();
    /** Reports and headers meant to be read by people too. */
    static final Gson PRETTY = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

    private Json() {
    }
}

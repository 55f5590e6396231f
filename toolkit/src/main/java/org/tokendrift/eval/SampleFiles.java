package org.tokendrift.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import org.tokendrift.util.AtomicFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples on disk: one JSON object per line ({@code .jsonl}), one line per sample, with the fields
 * {@code text, token_ids, backbone, method, checkpoint, seed, nfe, train_steps}. The metadata is
 * repeated on every line so that each line stands alone (grep, head, pandas all work).
 *
 * <p>Files are written atomically; reading checks every field and that all lines describe the same
 * run, and names the file, line and field when something is wrong.
 */
public final class SampleFiles {

    static final String TEXT = "text";
    static final String TOKEN_IDS = "token_ids";
    static final String BACKBONE = "backbone";
    static final String METHOD = "method";
    static final String CHECKPOINT = "checkpoint";
    static final String SEED = "seed";
    static final String NFE = "nfe";
    static final String TRAIN_STEPS = "train_steps";

    // HTML escaping would turn literal special tokens such as "<|endoftext|>" into \u003c...\u003e.
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private SampleFiles() {
    }

    /** File name {@code <backbone>_<method>_step<train_steps>_nfe<nfe>_seed<seed>.jsonl}, safe for any file system. */
    public static String defaultFileName(SampleDescriptor d, int nfe, long seed) {
        String name = d.backbone() + "_" + d.method() + "_step" + d.trainSteps() + "_nfe" + nfe + "_seed" + seed;
        return name.replaceAll("[^A-Za-z0-9._-]", "-") + ".jsonl";
    }

    /** Writes every sample of the set to {@code file} atomically. */
    public static void write(Path file, SampleSet samples) throws IOException {
        AtomicFiles.write(file, out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (int s = 0; s < samples.size(); s++) {
                writer.write(GSON.toJson(toJson(samples, s)));
                writer.write('\n');
            }
            // Flush, do not close: AtomicFiles still has to force the bytes to disk.
            writer.flush();
        });
    }

    /** Reads a sample set written by {@link #write}. */
    public static SampleSet read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> texts = new ArrayList<>();
        List<int[]> ids = new ArrayList<>();
        SampleDescriptor descriptor = null;
        Integer nfe = null;
        Long seed = null;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            JsonObject json = parse(lines.get(i), where);
            SampleDescriptor lineDescriptor = new SampleDescriptor(string(json, BACKBONE, where), string(json, METHOD, where),
                    string(json, CHECKPOINT, where), intField(json, TRAIN_STEPS, where));
            int lineNfe = intField(json, NFE, where);
            long lineSeed = integer(json, SEED, where);
            if (descriptor == null) {
                descriptor = lineDescriptor;
                nfe = lineNfe;
                seed = lineSeed;
            } else if (!descriptor.equals(lineDescriptor) || nfe != lineNfe || seed != lineSeed) {
                throw new IOException(where + ": metadata " + lineDescriptor + " nfe=" + lineNfe + " seed=" + lineSeed
                        + " differs from the first line (" + descriptor + " nfe=" + nfe + " seed=" + seed
                        + "); a samples file holds one run");
            }
            texts.add(string(json, TEXT, where));
            ids.add(intArray(json, TOKEN_IDS, where));
        }
        if (descriptor == null) {
            throw new IOException(file + " contains no samples");
        }
        return new SampleSet(descriptor, nfe, seed, texts, ids.toArray(int[][]::new));
    }

    private static JsonObject toJson(SampleSet samples, int s) {
        SampleDescriptor d = samples.descriptor();
        JsonObject json = new JsonObject();
        json.addProperty(TEXT, samples.texts().get(s));
        JsonArray ids = new JsonArray(samples.tokenIds()[s].length);
        for (int id : samples.tokenIds()[s]) {
            ids.add(id);
        }
        json.add(TOKEN_IDS, ids);
        json.addProperty(BACKBONE, d.backbone());
        json.addProperty(METHOD, d.method());
        json.addProperty(CHECKPOINT, d.checkpoint());
        json.addProperty(SEED, samples.seed());
        json.addProperty(NFE, samples.nfe());
        json.addProperty(TRAIN_STEPS, d.trainSteps());
        return json;
    }

    private static JsonObject parse(String line, String where) throws IOException {
        try {
            JsonElement element = GSON.fromJson(line, JsonElement.class);
            if (element == null || !element.isJsonObject()) {
                throw new IOException(where + ": expected a JSON object");
            }
            return element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(where + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    private static JsonElement field(JsonObject json, String name, String where) throws IOException {
        JsonElement value = json.get(name);
        if (value == null || value.isJsonNull()) {
            throw new IOException(where + ": missing field '" + name + "'");
        }
        return value;
    }

    private static String string(JsonObject json, String name, String where) throws IOException {
        JsonElement value = field(json, name, where);
        if (!(value instanceof JsonPrimitive p) || !p.isString()) {
            throw new IOException(where + ": field '" + name + "' must be a string, got " + value);
        }
        return p.getAsString();
    }

    private static long integer(JsonObject json, String name, String where) throws IOException {
        JsonElement value = field(json, name, where);
        try {
            if (value instanceof JsonPrimitive p && p.isNumber()) {
                return p.getAsBigDecimal().longValueExact();
            }
        } catch (ArithmeticException e) {
            // falls through to the error below: not an integer
        }
        throw new IOException(where + ": field '" + name + "' must be an integer, got " + value);
    }

    private static int intField(JsonObject json, String name, String where) throws IOException {
        long value = integer(json, name, where);
        if (value != (int) value) {
            throw new IOException(where + ": field '" + name + "' = " + value + " does not fit in an int");
        }
        return (int) value;
    }

    private static int[] intArray(JsonObject json, String name, String where) throws IOException {
        JsonElement value = field(json, name, where);
        if (!value.isJsonArray()) {
            throw new IOException(where + ": field '" + name + "' must be an array of integers");
        }
        JsonArray array = value.getAsJsonArray();
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonElement e = array.get(i);
            try {
                if (e instanceof JsonPrimitive p && p.isNumber()) {
                    ids[i] = p.getAsBigDecimal().intValueExact();
                    continue;
                }
            } catch (ArithmeticException notAnInt) {
                // reported below
            }
            throw new IOException(where + ": field '" + name + "' has a non-integer at index " + i + ": " + e);
        }
        return ids;
    }
}

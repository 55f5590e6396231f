package org.tokendrift.nn;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.util.AtomicFiles;

/**
 * Parameter checkpoints. File layout (all integers big-endian):
 * <pre>
 *   8 bytes   magic "TDPARAM1"
 *   4 bytes   header length H
 *   H bytes   UTF-8 JSON header
 *   payload   tensors in header order, row-major, little-endian float32 or float64
 * </pre>
 * The header holds {@code format}, {@code version}, the {@link DiTConfig}, {@code dtype},
 * {@code tensors} (name, shape), optional {@code adamw} ({@code step}) and {@code ema}
 * ({@code decay}, {@code updates}) sections, an optional {@code source} section (a
 * {@link CheckpointSource}: where an exported checkpoint's weights came from), and
 * {@code payloadSha256}. Tensor names are the parameter names, {@code adamw.m/<name>},
 * {@code adamw.v/<name>} and {@code ema/<name>}. Files are written atomically; loading checks the
 * config, the tensor list and the checksum and names what does not match.
 *
 * <p><b>Evaluation weights</b> ({@link #loadEvaluationWeights}): a checkpoint's EMA weights if it
 * has them, else its weights. Every consumer that samples, scores or starts from a checkpoint uses
 * this one rule, so a full training checkpoint and its EMA-only export ({@link CheckpointExport})
 * give the same network.
 */
public final class Checkpoint {
    static final byte[] MAGIC = "TDPARAM1".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private Checkpoint() {
    }

    /** Which stored tensors {@link #loadEvaluationWeights} used. */
    public enum StoredWeights {
        /** The {@code ema/<name>} tensors: the exponential moving average of a training run. */
        EMA,
        /** The parameter tensors themselves: the file has no EMA section (e.g. an EMA-only export). */
        WEIGHTS
    }

    /** Writes the model's parameters and, when non-null, the optimiser state and the EMA weights. */
    public static void save(Path file, DiT model, AdamW optimizer, ExponentialMovingAverage ema) throws IOException {
        save(file, model, optimizer, ema, null);
    }

    /**
     * Writes the model's parameters, the optimiser state and the EMA weights when non-null, and
     * records {@code source} (where the weights came from) in the header when non-null.
     */
    public static void save(Path file, DiT model, AdamW optimizer, ExponentialMovingAverage ema, CheckpointSource source)
            throws IOException {
        DataType dtype = model.dtype();
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        for (Param p : model.parameters().all()) {
            tensors.put(p.name(), p.value());
        }
        JsonObject header = new JsonObject();
        header.addProperty("format", "tokendrift-parameters");
        header.addProperty("version", VERSION);
        header.add("config", GSON.toJsonTree(model.config()));
        header.addProperty("dtype", dtype.name());
        if (optimizer != null) {
            JsonObject adam = GSON.toJsonTree(optimizer.config()).getAsJsonObject();
            adam.addProperty("step", optimizer.stepCount());
            header.add("adamw", adam);
            for (Param p : model.parameters().all()) {
                tensors.put("adamw.m/" + p.name(), optimizer.firstMoment(p.name()));
                tensors.put("adamw.v/" + p.name(), optimizer.secondMoment(p.name()));
            }
        }
        if (ema != null) {
            JsonObject e = new JsonObject();
            e.addProperty("decay", ema.decay());
            e.addProperty("updates", ema.updateCount());
            header.add("ema", e);
            for (Param p : model.parameters().all()) {
                tensors.put("ema/" + p.name(), ema.shadow(p.name()));
            }
        }
        if (source != null) {
            header.add("source", GSON.toJsonTree(source));
        }
        List<TensorEntry> entries = new ArrayList<>();
        long bytes = 0;
        for (var t : tensors.entrySet()) {
            entries.add(new TensorEntry(t.getKey(), t.getValue().shape()));
            bytes += t.getValue().length() * dtype.width();
        }
        ByteBuffer payload = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
        for (INDArray a : tensors.values()) {
            INDArray c = a.dup('c');
            if (dtype == DataType.FLOAT) {
                for (float f : c.data().asFloat()) {
                    payload.putFloat(f);
                }
            } else {
                for (double d : c.data().asDouble()) {
                    payload.putDouble(d);
                }
            }
        }
        byte[] payloadBytes = payload.array();
        header.add("tensors", GSON.toJsonTree(entries));
        header.addProperty("payloadSha256", AtomicFiles.sha256(payloadBytes));
        byte[] headerBytes = GSON.toJson(header).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> {
            out.write(MAGIC);
            out.write(ByteBuffer.allocate(4).putInt(headerBytes.length).array());
            out.write(headerBytes);
            out.write(payloadBytes);
        });
    }

    /** The model configuration stored in a checkpoint, to build a matching model before loading. */
    public static DiTConfig readConfig(Path file) throws IOException {
        return GSON.fromJson(readHeader(file).get("config"), DiTConfig.class);
    }

    /** True if the checkpoint holds EMA weights (a training checkpoint); false for weights only. */
    public static boolean hasEma(Path file) throws IOException {
        return readHeader(file).has("ema");
    }

    /** Where an exported checkpoint's weights came from; empty for a checkpoint written by training. */
    public static Optional<CheckpointSource> readSource(Path file) throws IOException {
        return source(readHeader(file));
    }

    private static Optional<CheckpointSource> source(JsonObject header) {
        return header.has("source")
                ? Optional.of(GSON.fromJson(header.get("source"), CheckpointSource.class))
                : Optional.empty();
    }

    /**
     * The training step a checkpoint's weights were taken at: the optimiser's step count, or for an
     * export (which has no optimiser state) the step its source recorded; empty if neither is known.
     */
    public static OptionalLong trainingStep(Path file) throws IOException {
        JsonObject header = readHeader(file);
        if (header.has("adamw")) {
            return OptionalLong.of(header.getAsJsonObject("adamw").get("step").getAsLong());
        }
        Optional<CheckpointSource> source = source(header);
        return source.isPresent() && source.get().step() >= 0 ? OptionalLong.of(source.get().step()) : OptionalLong.empty();
    }

    /**
     * Loads a checkpoint's <b>evaluation weights</b> into {@code model}: its EMA weights if it has
     * them, else its weights. This is the single place the rule lives; evaluation, validation, the
     * judge, continual training's base and the export all call it. A training checkpoint thus
     * evaluates with its averaged weights (as the reference code samples), and an EMA-only export,
     * whose weights are its source's EMA weights, gives the identical network.
     *
     * @return which stored tensors were loaded
     * @throws CheckpointException naming the problem (config, tensor list, checksum)
     */
    public static StoredWeights loadEvaluationWeights(Path file, DiT model) throws IOException {
        Contents c = read(file);
        Map<String, INDArray> values = verifiedTensors(file, c, model);
        StoredWeights kind = c.header.has("ema") ? StoredWeights.EMA : StoredWeights.WEIGHTS;
        String prefix = kind == StoredWeights.EMA ? "ema/" : "";
        for (Param p : model.parameters().all()) {
            p.value().assign(require(values, prefix + p.name(), p.value(), file));
        }
        return kind;
    }

    /**
     * Loads parameters into {@code model}, and the optimiser state / EMA weights when the arguments
     * are non-null (the file must then contain them).
     *
     * @throws CheckpointException naming the mismatch (config, tensor list, checksum, missing state)
     */
    public static void load(Path file, DiT model, AdamW optimizer, ExponentialMovingAverage ema) throws IOException {
        Contents c = read(file);
        Map<String, INDArray> values = verifiedTensors(file, c, model);
        if (optimizer != null && !c.header.has("adamw")) {
            throw new CheckpointException(file + ": no AdamW state in this checkpoint");
        }
        if (ema != null && !c.header.has("ema")) {
            throw new CheckpointException(file + ": no EMA weights in this checkpoint");
        }
        for (Param p : model.parameters().all()) {
            p.value().assign(require(values, p.name(), p.value(), file));
        }
        if (optimizer != null) {
            for (Param p : model.parameters().all()) {
                optimizer.firstMoment(p.name()).assign(require(values, "adamw.m/" + p.name(), p.value(), file));
                optimizer.secondMoment(p.name()).assign(require(values, "adamw.v/" + p.name(), p.value(), file));
            }
            optimizer.restoreStepCount(c.header.getAsJsonObject("adamw").get("step").getAsLong());
        }
        if (ema != null) {
            for (Param p : model.parameters().all()) {
                ema.shadow(p.name()).assign(require(values, "ema/" + p.name(), p.value(), file));
            }
            ema.restoreUpdateCount(c.header.getAsJsonObject("ema").get("updates").getAsLong());
        }
    }

    /** The file's tensors by name, after checking its config against the model's and its payload checksum. */
    private static Map<String, INDArray> verifiedTensors(Path file, Contents c, DiT model) {
        DiTConfig stored;
        try {
            stored = GSON.fromJson(c.header.get("config"), DiTConfig.class);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new CheckpointException(file + ": unreadable config in header: " + e.getMessage());
        }
        if (!stored.equals(model.config())) {
            throw new CheckpointException(file + ": config mismatch: checkpoint has " + stored
                    + " but the model has " + model.config());
        }
        String sha = AtomicFiles.sha256(c.payload);
        String expected = c.header.get("payloadSha256").getAsString();
        if (!sha.equals(expected)) {
            throw new CheckpointException(file + ": payload checksum mismatch (header says " + expected
                    + ", payload hashes to " + sha + "): the file is corrupt or truncated");
        }
        DataType dtype = DataType.valueOf(c.header.get("dtype").getAsString());
        TensorEntry[] entries = GSON.fromJson(c.header.get("tensors"), TensorEntry[].class);
        ByteBuffer buf = ByteBuffer.wrap(c.payload).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, INDArray> values = new LinkedHashMap<>();
        for (TensorEntry e : entries) {
            long n = 1;
            for (long s : e.shape()) {
                n *= s;
            }
            INDArray a;
            if (dtype == DataType.FLOAT) {
                float[] f = new float[Math.toIntExact(n)];
                buf.asFloatBuffer().get(f);
                buf.position(buf.position() + f.length * 4);
                a = Nd4j.createFromArray(f);
            } else {
                double[] d = new double[Math.toIntExact(n)];
                buf.asDoubleBuffer().get(d);
                buf.position(buf.position() + d.length * 8);
                a = Nd4j.createFromArray(d);
            }
            values.put(e.name(), a.reshape(e.shape()));
        }
        return values;
    }

    private static INDArray require(Map<String, INDArray> values, String name, INDArray like, Path file) {
        INDArray v = values.get(name);
        if (v == null) {
            throw new CheckpointException(file + ": tensor '" + name + "' is missing");
        }
        if (!Arrays.equals(v.shape(), like.shape())) {
            throw new CheckpointException(file + ": tensor '" + name + "' has shape " + Arrays.toString(v.shape())
                    + ", the model expects " + Arrays.toString(like.shape()));
        }
        return v.castTo(like.dataType());
    }

    private record TensorEntry(String name, long[] shape) {
    }

    private record Contents(JsonObject header, byte[] payload) {
    }

    private static Contents read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            JsonObject header = readHeader(in, file);
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            in.transferTo(payload);
            return new Contents(header, payload.toByteArray());
        } catch (java.io.EOFException e) {
            throw new CheckpointException(file + ": file is truncated");
        }
    }

    /** The JSON header alone, without reading the payload (which is most of the file). */
    private static JsonObject readHeader(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            return readHeader(in, file);
        } catch (java.io.EOFException e) {
            throw new CheckpointException(file + ": file is truncated");
        }
    }

    private static JsonObject readHeader(DataInputStream in, Path file) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new CheckpointException(file + ": not a TokenDrift parameter checkpoint (bad magic)");
        }
        int headerLength = in.readInt();
        if (headerLength <= 0 || headerLength > (1 << 26)) {
            throw new CheckpointException(file + ": implausible header length " + headerLength);
        }
        byte[] header = new byte[headerLength];
        in.readFully(header);
        JsonObject json;
        try {
            json = GSON.fromJson(new String(header, StandardCharsets.UTF_8), JsonObject.class);
        } catch (JsonParseException e) {
            throw new CheckpointException(file + ": header is not valid JSON: " + e.getMessage());
        }
        if (json == null || !json.has("version") || json.get("version").getAsInt() != VERSION) {
            throw new CheckpointException(file + ": unsupported checkpoint version "
                    + (json == null ? "null" : json.get("version")) + " (expected " + VERSION + ")");
        }
        return json;
    }
}

package org.tokendrift.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tokendrift.util.AtomicFiles;

/**
 * Reads and writes a {@link BpeTokenizer} in the Hugging Face {@code tokenizers} JSON format: a
 * {@code BPE} model (vocabulary and merges, tokens spelled in the {@link ByteLevelAlphabet}), the
 * {@code ByteLevel} pre-tokenizer and decoder (no prefix space), and the four special tokens as
 * {@code added_tokens}. No normaliser and no post-processor: BOS/EOS are placed by the datasets.
 *
 * <p>Output is deterministic: fields in a fixed order, the vocabulary in id order, merges in rank
 * order as {@code "left right"} strings (unambiguous, since the alphabet has no space character).
 * The reader accepts both the string and the {@code ["left","right"]} merge forms, and rejects a
 * file that is not a byte-level BPE with TokenDrift's id layout, saying what is wrong.
 */
final class HuggingFaceTokenizerJson {

    private HuggingFaceTokenizerJson() {
    }

    static void write(BpeTokenizer tokenizer, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            JsonWriter json = new JsonWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            json.setIndent("  ");
            json.setSerializeNulls(true);
            json.beginObject();
            json.name("version").value("1.0");
            json.name("truncation").nullValue();
            json.name("padding").nullValue();
            json.name("added_tokens").beginArray();
            for (SpecialToken special : SpecialToken.values()) {
                json.beginObject();
                json.name("id").value(special.id());
                json.name("content").value(special.literal());
                json.name("single_word").value(false);
                json.name("lstrip").value(false);
                json.name("rstrip").value(false);
                json.name("normalized").value(false);
                json.name("special").value(true);
                json.endObject();
            }
            json.endArray();
            json.name("normalizer").nullValue();
            json.name("pre_tokenizer");
            writeByteLevel(json);
            json.name("post_processor").nullValue();
            json.name("decoder");
            writeByteLevel(json);
            json.name("model").beginObject();
            json.name("type").value("BPE");
            json.name("dropout").nullValue();
            json.name("unk_token").nullValue();
            json.name("continuing_subword_prefix").nullValue();
            json.name("end_of_word_suffix").nullValue();
            json.name("fuse_unk").value(false);
            json.name("byte_fallback").value(false);
            json.name("ignore_merges").value(false);
            json.name("vocab").beginObject();
            for (int id = 0; id < tokenizer.vocabSize(); id++) {
                json.name(tokenizer.tokenString(id)).value(id);
            }
            json.endObject();
            json.name("merges").beginArray();
            for (Merge merge : tokenizer.merges()) {
                json.value(tokenizer.tokenString(merge.left()) + " " + tokenizer.tokenString(merge.right()));
            }
            json.endArray();
            json.endObject();
            json.endObject();
            json.flush();
            out.write('\n');
        });
    }

    private static void writeByteLevel(JsonWriter json) throws IOException {
        json.beginObject();
        json.name("type").value("ByteLevel");
        json.name("add_prefix_space").value(false);
        json.name("trim_offsets").value(true);
        json.name("use_regex").value(true);
        json.endObject();
    }

    static BpeTokenizer read(Path file) throws IOException {
        JsonObject root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(reader).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + " is not a JSON object: " + e.getMessage(), e);
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException | ClassCastException e) {
            // Gson signals a field of the wrong JSON type with IllegalState/UnsupportedOperation/ClassCast.
            throw new IOException(file + " is not a TokenDrift byte-level BPE tokenizer.json: " + e.getMessage(), e);
        }
    }

    private static BpeTokenizer fromJson(JsonObject root) {
        requireByteLevel(root, "pre_tokenizer");
        requireByteLevel(root, "decoder");
        checkAddedTokens(member(root, "added_tokens").getAsJsonArray());
        JsonObject model = member(root, "model").getAsJsonObject();
        requireString(model, "type", "BPE");

        JsonObject vocab = member(model, "vocab").getAsJsonObject();
        byte[][] tokens = new byte[vocab.size()][];
        String[] visible = new String[vocab.size()];
        for (Map.Entry<String, JsonElement> entry : vocab.entrySet()) {
            int id = entry.getValue().getAsInt();
            if (id < 0 || id >= tokens.length || tokens[id] != null) {
                throw new IllegalArgumentException("vocabulary ids must be 0.." + (tokens.length - 1)
                        + " without gaps or repeats; \"" + entry.getKey() + "\" has id " + id);
            }
            visible[id] = entry.getKey();
            tokens[id] = SpecialToken.isSpecial(id)
                    ? entry.getKey().getBytes(StandardCharsets.UTF_8)
                    : ByteLevelAlphabet.toBytes(entry.getKey());
        }
        Map<String, Integer> idOf = new HashMap<>();
        for (int id = 0; id < visible.length; id++) {
            idOf.put(visible[id], id);
        }
        List<Merge> merges = new ArrayList<>();
        for (JsonElement element : member(model, "merges").getAsJsonArray()) {
            String[] parts = mergeParts(element);
            Integer left = idOf.get(parts[0]);
            Integer right = idOf.get(parts[1]);
            Integer result = idOf.get(parts[0] + parts[1]);
            if (left == null || right == null || result == null) {
                throw new IllegalArgumentException("merge \"" + parts[0] + " " + parts[1]
                        + "\" uses a token missing from the vocabulary");
            }
            merges.add(new Merge(left, right, result));
        }
        return new BpeTokenizer(Arrays.asList(tokens), merges);
    }

    private static String[] mergeParts(JsonElement element) {
        if (element.isJsonArray()) {
            JsonArray pair = element.getAsJsonArray();
            if (pair.size() == 2) {
                return new String[] {pair.get(0).getAsString(), pair.get(1).getAsString()};
            }
        } else if (element.isJsonPrimitive()) {
            String[] parts = element.getAsString().split(" ", -1);
            if (parts.length == 2) {
                return parts;
            }
        }
        throw new IllegalArgumentException("merge " + element + " is neither \"left right\" nor [\"left\", \"right\"]");
    }

    private static void checkAddedTokens(JsonArray added) {
        for (SpecialToken special : SpecialToken.values()) {
            boolean found = false;
            for (JsonElement element : added) {
                JsonObject token = element.getAsJsonObject();
                if (token.get("content").getAsString().equals(special.literal())) {
                    if (token.get("id").getAsInt() != special.id()) {
                        throw new IllegalArgumentException(special.literal() + " must have id " + special.id()
                                + ", not " + token.get("id").getAsInt());
                    }
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException("added_tokens lacks the special token " + special.literal());
            }
        }
    }

    private static void requireByteLevel(JsonObject root, String name) {
        JsonElement element = member(root, name);
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException(name + " must be ByteLevel, found " + element);
        }
        JsonObject object = element.getAsJsonObject();
        requireString(object, "type", "ByteLevel");
        if (object.has("add_prefix_space") && object.get("add_prefix_space").getAsBoolean() && name.equals("pre_tokenizer")) {
            throw new IllegalArgumentException("pre_tokenizer.add_prefix_space must be false (a prefix space would break exact round trips)");
        }
        if (object.has("use_regex") && !object.get("use_regex").getAsBoolean()) {
            throw new IllegalArgumentException(name + ".use_regex must be true (GPT-2 pre-tokenisation)");
        }
    }

    private static void requireString(JsonObject object, String name, String expected) {
        JsonElement value = member(object, name);
        if (!value.isJsonPrimitive() || !value.getAsString().equals(expected)) {
            throw new IllegalArgumentException("\"" + name + "\" must be \"" + expected + "\", found " + value);
        }
    }

    private static JsonElement member(JsonObject object, String name) {
        JsonElement value = object.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing field \"" + name + "\"");
        }
        return value;
    }
}

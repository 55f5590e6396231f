package org.tokendrift.notebooks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Jupyter notebook file (nbformat 4) as the harness reads it: its code cells, their outputs after
 * execution, and the {@code tokendrift} settings in its metadata:
 * <pre>
 * "metadata": {"tokendrift": {"ci": false, "ci_reason": "needs a GPU", "timeout_seconds": 1800}}
 * </pre>
 */
public final class Notebook {

    private final Path file;
    private final JsonObject json;

    private Notebook(Path file, JsonObject json) {
        this.file = file;
        this.json = json;
    }

    public static Notebook read(Path file) throws IOException {
        return new Notebook(file, JsonParser.parseString(Files.readString(file)).getAsJsonObject());
    }

    public Path file() {
        return file;
    }

    /** False when the notebook's metadata says {@code "tokendrift": {"ci": false}}. */
    public boolean runsInCi() {
        return settings().map(s -> !s.has("ci") || s.get("ci").getAsBoolean()).orElse(true);
    }

    /** Why the notebook does not run in CI, from {@code tokendrift.ci_reason}. */
    public String ciReason() {
        return settings().filter(s -> s.has("ci_reason")).map(s -> s.get("ci_reason").getAsString())
                .orElse("its metadata sets tokendrift.ci to false");
    }

    /** The notebook's own time limit ({@code tokendrift.timeout_seconds}), if it sets one. */
    public Optional<Duration> timeout() {
        return settings().filter(s -> s.has("timeout_seconds"))
                .map(s -> Duration.ofSeconds(s.get("timeout_seconds").getAsLong()));
    }

    /** All cells in order; markdown cells included so that indexes match what Jupyter shows. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        JsonArray array = json.getAsJsonArray("cells");
        for (int i = 0; i < array.size(); i++) {
            cells.add(new Cell(i + 1, array.get(i).getAsJsonObject()));
        }
        return cells;
    }

    /** The code cells. */
    public List<Cell> codeCells() {
        return cells().stream().filter(Cell::isCode).toList();
    }

    /**
     * Every error output of a cell that is not tagged {@code raises-exception} (the nbformat tag for
     * cells that fail on purpose), as {@code "cell N: ename: evalue"}.
     */
    public List<String> unexpectedErrors() {
        List<String> errors = new ArrayList<>();
        for (Cell cell : codeCells()) {
            if (!cell.tags().contains("raises-exception")) {
                cell.outputs("error").forEach(error -> errors.add("cell " + cell.number() + ": "
                        + error.get("ename").getAsString() + ": " + error.get("evalue").getAsString()));
            }
        }
        return errors;
    }

    private Optional<JsonObject> settings() {
        JsonObject metadata = json.getAsJsonObject("metadata");
        return metadata != null && metadata.has("tokendrift")
                ? Optional.of(metadata.getAsJsonObject("tokendrift")) : Optional.empty();
    }

    /** Joins nbformat's "multiline string" (a string or a list of strings). */
    static String text(JsonElement multiline) {
        if (multiline == null || multiline.isJsonNull()) {
            return "";
        }
        if (multiline.isJsonArray()) {
            StringBuilder text = new StringBuilder();
            multiline.getAsJsonArray().forEach(part -> text.append(part.getAsString()));
            return text.toString();
        }
        return multiline.getAsString();
    }

    /**
     * One cell.
     *
     * @param number 1-based position in the notebook
     */
    public record Cell(int number, JsonObject json) {

        public boolean isCode() {
            return json.get("cell_type").getAsString().equals("code");
        }

        public String source() {
            return text(json.get("source"));
        }

        public List<String> tags() {
            JsonObject metadata = json.getAsJsonObject("metadata");
            List<String> tags = new ArrayList<>();
            if (metadata != null && metadata.has("tags")) {
                metadata.getAsJsonArray("tags").forEach(tag -> tags.add(tag.getAsString()));
            }
            return tags;
        }

        /** Outputs of one type: "stream", "execute_result", "display_data" or "error". */
        public List<JsonObject> outputs(String outputType) {
            List<JsonObject> outputs = new ArrayList<>();
            JsonArray array = json.getAsJsonArray("outputs");
            if (array != null) {
                array.forEach(output -> {
                    if (output.getAsJsonObject().get("output_type").getAsString().equals(outputType)) {
                        outputs.add(output.getAsJsonObject());
                    }
                });
            }
            return outputs;
        }

        /** Text the cell wrote to a stream, "stdout" or "stderr". */
        public String stream(String name) {
            StringBuilder text = new StringBuilder();
            outputs("stream").stream().filter(o -> o.get("name").getAsString().equals(name))
                    .forEach(o -> text.append(Notebook.text(o.get("text"))));
            return text.toString();
        }

        /** The execute_result's data for a MIME type, e.g. "text/plain"; empty if there is none. */
        public Optional<String> result(String mimeType) {
            return data(outputs("execute_result"), mimeType);
        }

        /** The first display_data's data for a MIME type; empty if there is none. */
        public Optional<String> displayed(String mimeType) {
            return data(outputs("display_data"), mimeType);
        }

        private static Optional<String> data(List<JsonObject> outputs, String mimeType) {
            return outputs.stream()
                    .map(output -> output.getAsJsonObject("data"))
                    .filter(data -> data.has(mimeType))
                    .map(data -> text(data.get(mimeType)))
                    .findFirst();
        }
    }
}

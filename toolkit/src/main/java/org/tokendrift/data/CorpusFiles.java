package org.tokendrift.data;

import com.google.gson.JsonParseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tokendrift.util.AtomicFiles;

/**
 * Corpus splits on disk: {@code <dir>/<split>.jsonl}, one {@link Document} per line as
 * {@code {"id":...,"source":...,"text":...}}, in corpus order. This is also how evaluation gets
 * real held-out text: {@code CorpusFiles.read(DataPaths.corpusDir(), Split.VALID)}.
 */
public final class CorpusFiles {

    private CorpusFiles() {
    }

    /** The file of one split in a corpus directory. */
    public static Path file(Path corpusDir, Split split) {
        return corpusDir.resolve(split.fileStem() + ".jsonl");
    }

    /** The documents of one split. */
    public static List<Document> read(Path corpusDir, Split split) throws IOException {
        return read(file(corpusDir, split));
    }

    /** The documents of a JSONL file; a malformed line is reported with its number. */
    public static List<Document> read(Path file) throws IOException {
        List<Document> docs = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                Document doc;
                try {
                    doc = Json.COMPACT.fromJson(line, Document.class);
                } catch (JsonParseException e) {
                    throw new IOException(file + ":" + lineNumber + ": not a JSON document: " + e.getMessage(), e);
                }
                if (doc == null || doc.id() == null || doc.text() == null) {
                    throw new IOException(file + ":" + lineNumber + ": a document needs \"id\" and \"text\"");
                }
                docs.add(doc);
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null,
                    "corpus split file missing; build it with `tokendrift corpus` (see data/README.md)");
        }
        return docs;
    }

    /** Writes documents as JSONL, atomically; the bytes depend only on the documents. */
    public static void write(Path file, List<Document> docs) throws IOException {
        AtomicFiles.write(file, out -> {
            for (Document doc : docs) {
                out.write(Json.COMPACT.toJson(doc).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        });
    }
}

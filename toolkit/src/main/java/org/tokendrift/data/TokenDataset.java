package org.tokendrift.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.tokendrift.util.AtomicFiles;

/**
 * A split's token blocks in memory ({@code <split>.bin} with its header {@code <split>.bin.json},
 * see {@link DatasetHeader}); ids are held as {@code char}, Java's unsigned 16-bit type. Opening
 * checks the header, the file length and the SHA-256, so a truncated or altered file is refused.
 * Immutable and thread-safe.
 */
public final class TokenDataset {

    private final DatasetHeader header;
    private final char[] tokens;

    private TokenDataset(DatasetHeader header, char[] tokens) {
        this.header = header;
        this.tokens = tokens;
    }

    /** The {@code .bin} file of a split in a dataset directory. */
    public static Path binFile(Path dir, Split split) {
        return dir.resolve(split.fileStem() + ".bin");
    }

    /** The header file of a split in a dataset directory. */
    public static Path headerFile(Path dir, Split split) {
        return dir.resolve(split.fileStem() + ".bin.json");
    }

    /** Opens one split of a dataset directory (e.g. {@code DataPaths.corpusDir()}). */
    public static TokenDataset open(Path dir, Split split) throws IOException {
        Path headerPath = headerFile(dir, split);
        Path binPath = binFile(dir, split);
        if (!Files.exists(headerPath) || !Files.exists(binPath)) {
            throw new NoSuchFileException(binPath.toString(), headerPath.toString(),
                    "token dataset missing; build it with `tokendrift dataset encode` (see data/README.md)");
        }
        DatasetHeader header = Json.PRETTY.fromJson(Files.readString(headerPath, StandardCharsets.UTF_8), DatasetHeader.class);
        if (header == null || !DatasetHeader.FORMAT.equals(header.format())) {
            throw new IOException(headerPath + ": format must be " + DatasetHeader.FORMAT
                    + ", found " + (header == null ? "nothing" : header.format()));
        }
        byte[] bytes = Files.readAllBytes(binPath);
        long expected = 2L * header.blockCount() * header.blockLength();
        if (bytes.length != expected) {
            throw new IOException(binPath + " has " + bytes.length + " bytes but its header announces "
                    + header.blockCount() + " blocks of " + header.blockLength() + " uint16 tokens (" + expected + " bytes)");
        }
        String sha = AtomicFiles.sha256(bytes);
        if (!sha.equals(header.sha256())) {
            throw new IOException(binPath + " has SHA-256 " + sha + " but its header says " + header.sha256()
                    + "; the file is damaged or does not belong to this header: rebuild it with `tokendrift dataset encode`");
        }
        char[] tokens = new char[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asCharBuffer().get(tokens);
        return new TokenDataset(header, tokens);
    }

    public DatasetHeader header() {
        return header;
    }

    /** Number of blocks (sequences). */
    public int blockCount() {
        return header.blockCount();
    }

    /** Tokens per block, L. */
    public int blockLength() {
        return header.blockLength();
    }

    public int vocabSize() {
        return header.vocabSize();
    }

    /** Block {@code index} as a fresh {@code int[L]}. */
    public int[] block(int index) {
        if (index < 0 || index >= header.blockCount()) {
            throw new IndexOutOfBoundsException("block " + index + " of " + header.blockCount());
        }
        int length = header.blockLength();
        int[] block = new int[length];
        for (int i = 0; i < length; i++) {
            block[i] = tokens[index * length + i];
        }
        return block;
    }

    /** Blocks {@code from} (inclusive) to {@code to} (exclusive) in file order, e.g. for evaluation. */
    public int[][] blocks(int from, int to) {
        if (from < 0 || to > header.blockCount() || from > to) {
            throw new IndexOutOfBoundsException("blocks [" + from + ", " + to + ") of " + header.blockCount());
        }
        int[][] rows = new int[to - from][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = block(from + r);
        }
        return rows;
    }

    /** Endless shuffled batches from the start (epoch 0, batch 0). */
    public BatchIterator batches(int batchSize, long seed) {
        return new BatchIterator(this, batchSize, seed, BatchCursor.START);
    }

    /** Endless shuffled batches resuming at {@code cursor}: the same seed and cursor give the same batches. */
    public BatchIterator batches(int batchSize, long seed, BatchCursor cursor) {
        return new BatchIterator(this, batchSize, seed, cursor);
    }
}

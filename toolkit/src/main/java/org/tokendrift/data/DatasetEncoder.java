package org.tokendrift.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tokendrift.tokenizer.BpeTokenizer;
import org.tokendrift.util.AtomicFiles;

/**
 * Encodes the corpus splits of a directory into token-block datasets and writes, next to them or
 * elsewhere: {@code <split>.bin}, {@code <split>.bin.json} ({@link DatasetHeader}) and
 * {@code stats.json} (documents, words, bytes, tokens and blocks per split). Documents are encoded
 * as plain text ({@link BpeTokenizer#encode}) and packed by {@link BlockPacker}.
 */
public final class DatasetEncoder {

    /** Default block length L. */
    public static final int DEFAULT_BLOCK_LENGTH = 128;
    /** Name of the statistics file. */
    public static final String STATS_FILE = "stats.json";

    /** Sizes of one split, as written to {@code stats.json}. */
    public record SplitStats(long documents, long words, long bytes, long tokens, int blocks, double bytesPerToken) {
    }

    private DatasetEncoder() {
    }

    /** Encodes every split of {@code corpusDir} into {@code outDir}; returns the headers by split. */
    public static Map<Split, DatasetHeader> encodeAll(Path corpusDir, Path tokenizerFile, int blockLength, Path outDir)
            throws IOException {
        BpeTokenizer tokenizer = BpeTokenizer.load(tokenizerFile);
        if (tokenizer.vocabSize() > 65536) {
            throw new IllegalArgumentException("vocabulary of " + tokenizer.vocabSize() + " tokens does not fit uint16 ids");
        }
        String tokenizerSha = AtomicFiles.sha256(tokenizerFile);
        Map<Split, DatasetHeader> headers = new EnumMap<>(Split.class);
        Map<String, SplitStats> stats = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            List<Document> docs = CorpusFiles.read(corpusDir, split);
            List<int[]> encoded = new ArrayList<>(docs.size());
            for (Document doc : docs) {
                encoded.add(tokenizer.encode(doc.text()));
            }
            BlockPacker.Packed packed = BlockPacker.pack(encoded, blockLength);
            byte[] bin = toUint16LittleEndian(packed.blocks());
            DatasetHeader header = new DatasetHeader(DatasetHeader.FORMAT, split.fileStem(), tokenizer.vocabSize(), blockLength,
                    packed.blockCount(), docs.size(), packed.streamTokens(), packed.droppedTailTokens(),
                    AtomicFiles.sha256(bin), tokenizerSha);
            AtomicFiles.write(TokenDataset.binFile(outDir, split), bin);
            AtomicFiles.writeString(TokenDataset.headerFile(outDir, split), Json.PRETTY.toJson(header) + "\n");
            headers.put(split, header);
            TextStats text = TextStats.of(docs);
            stats.put(split.fileStem(), new SplitStats(text.documents(), text.words(), text.bytes(), packed.streamTokens(),
                    packed.blockCount(), Math.round(1000.0 * text.bytes() / Math.max(1, packed.streamTokens())) / 1000.0));
        }
        AtomicFiles.writeString(outDir.resolve(STATS_FILE), Json.PRETTY.toJson(stats) + "\n");
        return headers;
    }

    static byte[] toUint16LittleEndian(int[] ids) {
        ByteBuffer buffer = ByteBuffer.allocate(ids.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int id : ids) {
            if (id < 0 || id > 0xFFFF) {
                throw new IllegalArgumentException("token id " + id + " does not fit uint16");
            }
            buffer.putChar((char) id);
        }
        return buffer.array();
    }
}

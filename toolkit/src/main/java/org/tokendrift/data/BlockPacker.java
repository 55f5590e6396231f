package org.tokendrift.data;

import java.util.List;
import org.tokendrift.tokenizer.SpecialToken;

/**
 * Packs tokenised documents into fixed-length blocks the way MDLM does ("wrap"): each document is
 * followed by {@code [EOS]}, all are concatenated into one stream, and the stream is cut into
 * pieces of {@code L - 2} tokens, each framed as {@code [BOS] + piece + [EOS]}. A document may thus
 * span two blocks; no padding is needed. The tail of the stream that does not fill a whole piece
 * is dropped (as MDLM's grouping does).
 */
public final class BlockPacker {

    /** The blocks, flattened row after row ({@code blocks.length == blockCount * L}), and the dropped tail length. */
    public record Packed(int[] blocks, int blockCount, long streamTokens, int droppedTailTokens) {
    }

    private BlockPacker() {
    }

    public static Packed pack(List<int[]> documents, int blockLength) {
        if (blockLength < 3) {
            throw new IllegalArgumentException("block length must be at least 3 ([BOS] + a token + [EOS]), got " + blockLength);
        }
        int piece = blockLength - 2;
        long streamTokens = 0;
        for (int[] doc : documents) {
            streamTokens += doc.length + 1;
        }
        long blockCount = streamTokens / piece;
        if (blockCount * blockLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many tokens for one in-memory dataset: " + streamTokens);
        }
        int[] blocks = new int[(int) (blockCount * blockLength)];
        int block = 0;
        int filled = 0;                       // tokens of the current piece already written
        for (int[] doc : documents) {
            for (int i = 0; i <= doc.length && block < blockCount; i++) {
                int token = i < doc.length ? doc[i] : SpecialToken.EOS.id();
                int base = block * blockLength;
                if (filled == 0) {
                    blocks[base] = SpecialToken.BOS.id();
                }
                blocks[base + 1 + filled] = token;
                if (++filled == piece) {
                    blocks[base + blockLength - 1] = SpecialToken.EOS.id();
                    block++;
                    filled = 0;
                }
            }
        }
        return new Packed(blocks, (int) blockCount, streamTokens, (int) (streamTokens - blockCount * piece));
    }
}

package org.tokendrift.data;

/**
 * The JSON header ({@code <split>.bin.json}) that describes a token-block file ({@code <split>.bin}).
 *
 * <p>The {@code .bin} file holds {@code blockCount * blockLength} token ids as unsigned 16-bit
 * little-endian integers, block after block, with no header of its own (so that, e.g.,
 * {@code numpy.fromfile(f, "<u2").reshape(-1, L)} reads it). Every block is
 * {@code [BOS] + (blockLength - 2) tokens + [EOS]}.
 *
 * @param format            {@link #FORMAT}
 * @param split             {@code train}, {@code valid} or {@code test}
 * @param vocabSize         vocabulary size of the tokenizer (ids are below it)
 * @param blockLength       tokens per block, L
 * @param blockCount        number of blocks
 * @param documents         documents encoded
 * @param streamTokens      tokens of the document stream, one {@code [EOS]} per document included
 * @param droppedTailTokens tokens at the end of the stream that did not fill a last block
 * @param sha256            SHA-256 of the {@code .bin} file
 * @param tokenizerSha256   SHA-256 of the {@code tokenizer.json} used
 */
public record DatasetHeader(String format, String split, int vocabSize, int blockLength, int blockCount, int documents,
                            long streamTokens, int droppedTailTokens, String sha256, String tokenizerSha256) {

    /** Format tag: uint16 little-endian blocks, wrapped as in MDLM. */
    public static final String FORMAT = "tokendrift-blocks-u16le/1";
}

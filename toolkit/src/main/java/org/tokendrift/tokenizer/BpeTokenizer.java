package org.tokendrift.tokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * A byte-level BPE tokenizer (GPT-2 style): text is cut into pieces by {@link PreTokenizer}, each
 * piece's UTF-8 bytes start as one token per byte, and the learned {@link Merge}s are applied,
 * lowest rank first, each to all its non-overlapping occurrences from left to right.
 *
 * <p>Vocabulary layout (fixed, checked on load): ids {@code 0..3} are the {@link SpecialToken}s,
 * ids {@code 4..259} are the 256 byte values in byte order, and the merge results follow. Because
 * every byte has a token, any text encodes, and {@code decode(encode(text)).equals(text)} for every
 * valid Unicode string.
 *
 * <p>Special tokens: {@link #encode} treats text as plain text, so a literal {@code "[EOS]"} in a
 * document is spelled with ordinary byte tokens and never becomes the EOS id (documents cannot
 * inject control tokens). {@link #encodeWithSpecialTokens} instead maps each exact literal
 * {@code [PAD] [BOS] [EOS] [MASK]} to its id, as Hugging Face does for added special tokens.
 * {@link #decode(int[])} prints special ids as their literals, so both encodings round-trip.
 *
 * <p>Instances are immutable and thread-safe; they memoise the ids of frequent pieces.
 */
public final class BpeTokenizer {

    /** Id of the first byte token (byte value 0); byte {@code b} has id {@code FIRST_BYTE_ID + b}. */
    public static final int FIRST_BYTE_ID = SpecialToken.COUNT;
    /** Id of the first merge result in a freshly trained tokenizer. */
    public static final int FIRST_MERGE_ID = FIRST_BYTE_ID + 256;

    private static final int CACHE_LIMIT = 200_000;

    private final byte[][] tokenBytes;
    private final List<Merge> merges;
    private final PairMap mergeRanks;
    private final Map<String, int[]> pieceCache = new ConcurrentHashMap<>();

    /**
     * Builds a tokenizer from its full vocabulary (id to bytes; the special ids hold their literals'
     * UTF-8 bytes) and its merges in rank order, after checking that they are consistent.
     */
    public BpeTokenizer(List<byte[]> tokenBytes, List<Merge> merges) {
        this.tokenBytes = tokenBytes.stream().map(byte[]::clone).toArray(byte[][]::new);
        this.merges = List.copyOf(merges);
        checkLayout();
        this.mergeRanks = new PairMap(merges.size());
        for (int rank = 0; rank < merges.size(); rank++) {
            Merge m = merges.get(rank);
            checkMerge(rank, m);
            long key = PairMap.key(m.left(), m.right());
            if (mergeRanks.get(key, -1) >= 0) {
                throw new IllegalArgumentException("merge #" + rank + " (" + tokenString(m.left()) + " + "
                        + tokenString(m.right()) + ") occurs twice in the merge list");
            }
            mergeRanks.put(key, rank);
        }
    }

    /** Reads a Hugging Face {@code tokenizer.json} written by {@link #save}. */
    public static BpeTokenizer load(Path file) throws IOException {
        return HuggingFaceTokenizerJson.read(file);
    }

    /** Writes this tokenizer as a Hugging Face {@code tokenizer.json} (byte-identical for equal tokenizers). */
    public void save(Path file) throws IOException {
        HuggingFaceTokenizerJson.write(this, file);
    }

    /** Number of token ids, specials included: ids are {@code 0 .. vocabSize()-1}. */
    public int vocabSize() {
        return tokenBytes.length;
    }

    /** The merges in rank order. */
    public List<Merge> merges() {
        return merges;
    }

    /** The bytes a token stands for (a special token: its literal's UTF-8 bytes). */
    public byte[] tokenBytes(int id) {
        checkId(id, -1);
        return tokenBytes[id].clone();
    }

    /**
     * The token as written in {@code tokenizer.json}: a special token's literal, else its bytes in
     * the {@link ByteLevelAlphabet} (a leading space shows as {@code 'Ġ'}).
     */
    public String tokenString(int id) {
        checkId(id, -1);
        return SpecialToken.isSpecial(id) ? SpecialToken.ofId(id).literal() : ByteLevelAlphabet.toVisible(tokenBytes[id]);
    }

    /** Encodes plain text; special-token literals in it are ordinary text. */
    public int[] encode(String text) {
        checkValidUnicode(text);
        IntArrayBuilder out = new IntArrayBuilder(text.length() / 3 + 1);
        appendPlain(text, out);
        return out.toArray();
    }

    /** Encodes text in which the exact literals {@code [PAD] [BOS] [EOS] [MASK]} stand for the special ids. */
    public int[] encodeWithSpecialTokens(String text) {
        checkValidUnicode(text);
        IntArrayBuilder out = new IntArrayBuilder(text.length() / 3 + 1);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '[') {
                continue;
            }
            for (SpecialToken special : SpecialToken.values()) {
                if (text.startsWith(special.literal(), i)) {
                    appendPlain(text.substring(start, i), out);
                    out.add(special.id());
                    i += special.literal().length() - 1;
                    start = i + 1;
                    break;
                }
            }
        }
        appendPlain(text.substring(start), out);
        return out.toArray();
    }

    /** Decodes ids to text, special ids as their literals; invalid UTF-8 (possible in sampled ids) becomes U+FFFD. */
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    /** Decodes ids to text, leaving out special tokens if {@code skipSpecialTokens}. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        return new String(decodeBytes(ids, skipSpecialTokens), StandardCharsets.UTF_8);
    }

    /** The raw bytes the ids stand for (special ids as their literals). */
    public byte[] decodeBytes(int[] ids) {
        return decodeBytes(ids, false);
    }

    private byte[] decodeBytes(int[] ids, boolean skipSpecialTokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            checkId(id, i);
            if (!(skipSpecialTokens && SpecialToken.isSpecial(id))) {
                out.writeBytes(tokenBytes[id]);
            }
        }
        return out.toByteArray();
    }

    private void appendPlain(String text, IntArrayBuilder out) {
        Matcher m = PreTokenizer.matcher(text);
        while (m.find()) {
            String piece = m.group();
            int[] ids = pieceCache.get(piece);
            if (ids == null) {
                ids = encodePiece(piece.getBytes(StandardCharsets.UTF_8));
                if (pieceCache.size() < CACHE_LIMIT) {
                    pieceCache.put(piece, ids);
                }
            }
            out.addAll(ids);
        }
    }

    /** Applies the merges to one piece: repeatedly the lowest-ranked pair, all its occurrences left to right. */
    int[] encodePiece(byte[] bytes) {
        int[] symbols = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            symbols[i] = FIRST_BYTE_ID + (bytes[i] & 0xFF);
        }
        int n = symbols.length;
        while (n > 1) {
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < n; i++) {
                int rank = mergeRanks.get(PairMap.key(symbols[i], symbols[i + 1]), Integer.MAX_VALUE);
                bestRank = Math.min(bestRank, rank);
            }
            if (bestRank == Integer.MAX_VALUE) {
                break;
            }
            n = applyMerge(symbols, n, merges.get(bestRank));
        }
        return Arrays.copyOf(symbols, n);
    }

    /**
     * Replaces every non-overlapping occurrence of the merge's pair, scanning left to right, in the
     * first {@code n} symbols; returns the new length. Training uses the same rule, so that training
     * and encoding segment a piece identically.
     */
    static int applyMerge(int[] symbols, int n, Merge merge) {
        int out = 0;
        for (int i = 0; i < n; ) {
            if (i + 1 < n && symbols[i] == merge.left() && symbols[i + 1] == merge.right()) {
                symbols[out++] = merge.result();
                i += 2;
            } else {
                symbols[out++] = symbols[i++];
            }
        }
        return out;
    }

    private void checkLayout() {
        if (tokenBytes.length < FIRST_MERGE_ID) {
            throw new IllegalArgumentException("a byte-level BPE vocabulary needs at least " + FIRST_MERGE_ID
                    + " tokens (4 special + 256 bytes), got " + tokenBytes.length);
        }
        for (SpecialToken special : SpecialToken.values()) {
            if (!Arrays.equals(tokenBytes[special.id()], special.literal().getBytes(StandardCharsets.UTF_8))) {
                throw new IllegalArgumentException("token id " + special.id() + " must be the special token "
                        + special.literal());
            }
        }
        for (int b = 0; b < 256; b++) {
            byte[] token = tokenBytes[FIRST_BYTE_ID + b];
            if (token.length != 1 || (token[0] & 0xFF) != b) {
                throw new IllegalArgumentException(String.format("token id %d must be the single byte 0x%02X (bytes occupy ids %d..%d in byte order)",
                        FIRST_BYTE_ID + b, b, FIRST_BYTE_ID, FIRST_MERGE_ID - 1));
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int id = FIRST_BYTE_ID; id < tokenBytes.length; id++) {
            Integer other = seen.putIfAbsent(ByteLevelAlphabet.toVisible(tokenBytes[id]), id);
            if (other != null) {
                throw new IllegalArgumentException("token ids " + other + " and " + id + " spell the same bytes \""
                        + ByteLevelAlphabet.toVisible(tokenBytes[id]) + "\"");
            }
        }
    }

    private void checkMerge(int rank, Merge m) {
        for (int id : new int[] {m.left(), m.right(), m.result()}) {
            if (id < FIRST_BYTE_ID || id >= tokenBytes.length) {
                throw new IllegalArgumentException("merge #" + rank + " uses token id " + id
                        + ", which is not an ordinary token of this vocabulary (ids " + FIRST_BYTE_ID + ".."
                        + (tokenBytes.length - 1) + ")");
            }
        }
        byte[] left = tokenBytes[m.left()];
        byte[] right = tokenBytes[m.right()];
        byte[] joined = Arrays.copyOf(left, left.length + right.length);
        System.arraycopy(right, 0, joined, left.length, right.length);
        if (!Arrays.equals(joined, tokenBytes[m.result()])) {
            throw new IllegalArgumentException("merge #" + rank + " joins \"" + tokenString(m.left()) + "\" and \""
                    + tokenString(m.right()) + "\" but its result id " + m.result() + " is \"" + tokenString(m.result()) + "\"");
        }
    }

    private void checkId(int id, int position) {
        if (id < 0 || id >= tokenBytes.length) {
            throw new IllegalArgumentException("token id " + id + (position >= 0 ? " at position " + position : "")
                    + " is outside the vocabulary [0, " + tokenBytes.length + ")");
        }
    }

    /** Text with an unpaired surrogate has no UTF-8 form; refuse it instead of silently writing '?'. */
    static void checkValidUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format(
                        "text has an unpaired surrogate U+%04X at index %d; only valid Unicode text can be encoded", (int) c, i));
            }
        }
    }

    /** The vocabulary as a list (id to bytes), for writers. */
    List<byte[]> vocabulary() {
        List<byte[]> copy = new ArrayList<>(tokenBytes.length);
        for (byte[] token : tokenBytes) {
            copy.add(token.clone());
        }
        return copy;
    }
}

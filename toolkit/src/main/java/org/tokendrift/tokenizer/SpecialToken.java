package org.tokendrift.tokenizer;

/**
 * The four special tokens of every TokenDrift vocabulary, with fixed ids {@code 0..3}.
 *
 * <ul>
 *   <li>{@link #PAD} (id 0): padding; never produced by the datasets (they "wrap" and need none).</li>
 *   <li>{@link #BOS} (id 1): first token of every dataset block.</li>
 *   <li>{@link #EOS} (id 2): appended after every document and closing every block.</li>
 *   <li>{@link #MASK} (id 3): the absorbing state of MDLM; never occurs in text.</li>
 * </ul>
 *
 * The ids are part of the on-disk contract (datasets and {@code tokenizer.json}), so the order of
 * the constants must never change.
 */
public enum SpecialToken {
    PAD("[PAD]"),
    BOS("[BOS]"),
    EOS("[EOS]"),
    MASK("[MASK]");

    /** Number of special tokens; the first ordinary (byte) token has this id. */
    public static final int COUNT = values().length;

    private final String literal;

    SpecialToken(String literal) {
        this.literal = literal;
    }

    /** The fixed token id. */
    public int id() {
        return ordinal();
    }

    /** The text form, e.g. {@code "[EOS]"}: what decoding prints and what special-aware encoding recognises. */
    public String literal() {
        return literal;
    }

    /** True if {@code id} is one of the special ids. */
    public static boolean isSpecial(int id) {
        return id >= 0 && id < COUNT;
    }

    /** The special token with this id; fails clearly for any other id. */
    public static SpecialToken ofId(int id) {
        if (!isSpecial(id)) {
            throw new IllegalArgumentException("token id " + id + " is not a special token id (0.." + (COUNT - 1) + ")");
        }
        return values()[id];
    }
}

package org.tokendrift.eval;

/**
 * The tokenizer as evaluation sees it: ids to text and back, plus the end-of-text id.
 *
 * <p>Defined here (not taken from the {@code tokenizer} package) so that evaluation can be built
 * and tested before the tokenizer is finished; the tokenizer adapts to it with a three-line class.
 *
 * <p>Contract needed by Gen-PPL: {@link #decode} keeps special tokens as their literal text (for
 * example {@code "[EOS]"}) and {@link #encode} maps that literal back to its id. Otherwise the
 * first-EOS rule of {@link FirstEosMask} could not see where a decoded sample ended.
 */
public interface TextCodec {

    /** Text of a token-id sequence, special tokens kept as literals. */
    String decode(int[] ids);

    /** Token ids of a text, special-token literals mapped back to their ids. */
    int[] encode(String text);

    /** Id of the end-of-text token; also used as the padding id when scoring (as GPT-2 does). */
    int eosId();
}

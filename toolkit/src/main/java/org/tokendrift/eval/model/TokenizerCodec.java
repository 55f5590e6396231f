package org.tokendrift.eval.model;

import org.tokendrift.eval.TextCodec;
import org.tokendrift.tokenizer.BpeTokenizer;
import org.tokendrift.tokenizer.SpecialToken;

import java.util.Objects;

/**
 * The toolkit's byte-level BPE as the {@link TextCodec} of evaluation: decoding keeps special
 * tokens as their literals ({@code [EOS]}, ...) and encoding maps those literals back to their ids,
 * so the first-EOS rule of Gen-PPL still sees where a decoded sample ended.
 */
public final class TokenizerCodec implements TextCodec {

    private final BpeTokenizer tokenizer;

    public TokenizerCodec(BpeTokenizer tokenizer) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    }

    @Override
    public String decode(int[] ids) {
        return tokenizer.decode(ids);
    }

    @Override
    public int[] encode(String text) {
        return tokenizer.encodeWithSpecialTokens(text);
    }

    @Override
    public int eosId() {
        return SpecialToken.EOS.id();
    }

    /** Size of the tokenizer's vocabulary, special tokens included. */
    public int vocabSize() {
        return tokenizer.vocabSize();
    }
}

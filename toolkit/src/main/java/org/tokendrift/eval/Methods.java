package org.tokendrift.eval;

import java.util.Comparator;
import java.util.List;

/**
 * The method names used in the {@code method} column, and the order in which tables and legends
 * list them: the paper's order (released checkpoint, continuation baseline, TokenDrift), then any
 * other method alphabetically, then the real-text reference.
 */
public final class Methods {

    /** The released or pretrained checkpoint without further training. */
    public static final String PRETRAINED = "pretrained";
    /** The same checkpoint trained further with its original diffusion loss (controlled baseline). */
    public static final String CONTINUATION = "continuation";
    /** The checkpoint refined with the TokenDrift objective. */
    public static final String TOKENDRIFT = "tokendrift";
    /** Held-out real text scored like samples (reference row, {@code nfe = 0}). */
    public static final String REAL_TEXT = "real_text";

    private static final List<String> KNOWN_ORDER = List.of(PRETRAINED, CONTINUATION, TOKENDRIFT);

    /** Paper order first, unknown methods alphabetically, {@code real_text} last. */
    public static final Comparator<String> DISPLAY_ORDER = Comparator
            .comparingInt(Methods::rank)
            .thenComparing(Comparator.naturalOrder());

    private Methods() {
    }

    private static int rank(String method) {
        if (method.equals(REAL_TEXT)) {
            return Integer.MAX_VALUE;
        }
        int known = KNOWN_ORDER.indexOf(method);
        return known >= 0 ? known : KNOWN_ORDER.size();
    }
}

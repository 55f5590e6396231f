package org.tokendrift.eval;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The method names used in the {@code method} column of {@code reproduction.csv} and
 * {@code paper-tables.csv}, and the order in which tables and legends list them: the paper's order
 * (released checkpoint, continuation baseline, TokenDrift), then any other method alphabetically,
 * then the real-text reference.
 *
 * <p><b>Naming convention</b> (the one place it is defined; {@code data/results/README.md} documents
 * it). The three main methods are {@code pretrained}, {@code continuation} and {@code tokendrift};
 * a variant of TokenDrift (an ablation) is {@code tokendrift-<variant>}, with the variant in lower
 * case, words and numbers joined by {@code -}:
 * <ul>
 *   <li>{@link #HARD_LIFT} {@code tokendrift-hard-lift}: straight-through hard tokens into the encoder
 *       (paper Table 3);</li>
 *   <li>{@link #MIRROR_L2}, {@link #MIRROR_KL}: the logit-space mirror teacher with an L2 or KL target, and
 *       {@link #withBaseLoss} ({@code tokendrift-base-loss}, {@code tokendrift-mirror-l2-base-loss}, ...)
 *       for a variant trained with the base diffusion loss added (Table 4);</li>
 *   <li>{@link #queueSize} {@code tokendrift-queue-64}: both feature queues of that size (Table 5);</li>
 *   <li>{@link #attractionRepulsion} {@code tokendrift-ratio-1-0}: drift weights b+ : b- = 1 : 0 (Table 6).</li>
 * </ul>
 * A variant equal to the default setting (soft lift, feature space, 1 : 1, default queues) is
 * {@code tokendrift} itself. The default queues differ: the paper's hold 1024 features, ours 64 (the same
 * span of 2 optimiser steps at our batch, {@code data/configs/tokendrift-mdlm.json}), so our
 * {@code tokendrift-queue-1024} is the paper's literal size, not the paper's {@code tokendrift}. The ablation
 * config {@code data/configs/ablation-<backbone>-<variant>.json} is evaluated as method
 * {@code tokendrift-<variant>} ({@link #ofAblationConfig}).
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

    /** The methods of the paper's main tables (Tables 1 and 2), in the paper's order. */
    public static final List<String> MAIN = List.of(PRETRAINED, CONTINUATION, TOKENDRIFT);

    // Before the variant constants below, which are built with them during class initialisation.
    private static final String BASE_LOSS_SUFFIX = "base-loss";
    private static final Pattern VARIANT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern ABLATION_CONFIG = Pattern.compile("ablation-([a-z0-9]+)-(.+)\\.json");

    /** Start of every TokenDrift variant's name. */
    public static final String VARIANT_PREFIX = TOKENDRIFT + "-";
    /** Hard straight-through tokens instead of the soft lift into the frozen encoder (paper Table 3). */
    public static final String HARD_LIFT = tokenDriftVariant("hard-lift");
    /** Logit-space mirror teacher with an L2 target (paper Table 4). */
    public static final String MIRROR_L2 = tokenDriftVariant("mirror-l2");
    /** Logit-space mirror teacher with a KL target (paper Table 4). */
    public static final String MIRROR_KL = tokenDriftVariant("mirror-kl");

    /** Paper order first, unknown methods alphabetically, {@code real_text} last. */
    public static final Comparator<String> DISPLAY_ORDER = Comparator
            .comparingInt(Methods::rank)
            .thenComparing(Comparator.naturalOrder());

    private Methods() {
    }

    /** {@code tokendrift-<variant>}; the variant must be lower-case words or numbers joined by {@code -}. */
    public static String tokenDriftVariant(String variant) {
        if (variant == null || !VARIANT.matcher(variant).matches()) {
            throw new IllegalArgumentException("a TokenDrift variant is lower-case letters and digits joined by '-' "
                    + "(e.g. hard-lift, ratio-1-0), got '" + variant + "'");
        }
        return VARIANT_PREFIX + variant;
    }

    /** True for {@code tokendrift-<variant>} names that follow the convention. */
    public static boolean isTokenDriftVariant(String method) {
        return method.startsWith(VARIANT_PREFIX) && VARIANT.matcher(method.substring(VARIANT_PREFIX.length())).matches();
    }

    /** The same TokenDrift setting trained with the base diffusion loss added: {@code <method>-base-loss}. */
    public static String withBaseLoss(String tokenDriftMethod) {
        if (tokenDriftMethod.equals(TOKENDRIFT)) {
            return tokenDriftVariant(BASE_LOSS_SUFFIX);
        }
        if (!isTokenDriftVariant(tokenDriftMethod)) {
            throw new IllegalArgumentException("not a TokenDrift method: '" + tokenDriftMethod + "'");
        }
        return tokenDriftMethod + "-" + BASE_LOSS_SUFFIX;
    }

    /** Both feature queues (real and generated) of {@code capacity} entries: {@code tokendrift-queue-<capacity>}. */
    public static String queueSize(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive, got " + capacity);
        }
        return tokenDriftVariant("queue-" + capacity);
    }

    /** Drift weights b+ : b- ({@code attractionWeight : repulsionWeight}): {@code tokendrift-ratio-<b+>-<b->}. */
    public static String attractionRepulsion(int attraction, int repulsion) {
        if (attraction < 0 || repulsion < 0 || attraction + repulsion == 0) {
            throw new IllegalArgumentException("attraction and repulsion weights must be >= 0 and not both 0, got "
                    + attraction + " : " + repulsion);
        }
        return tokenDriftVariant("ratio-" + attraction + "-" + repulsion);
    }

    /**
     * The method an ablation config is evaluated as: {@code ablation-<backbone>-<variant>.json} gives
     * {@code tokendrift-<variant>} (the backbone is the results' own column).
     */
    public static String ofAblationConfig(Path config) {
        String name = config.getFileName().toString();
        Matcher m = ABLATION_CONFIG.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("an ablation config is named ablation-<backbone>-<variant>.json, got '" + name + "'");
        }
        return tokenDriftVariant(m.group(2));
    }

    private static int rank(String method) {
        if (method.equals(REAL_TEXT)) {
            return Integer.MAX_VALUE;
        }
        int known = MAIN.indexOf(method);
        return known >= 0 ? known : MAIN.size();
    }
}

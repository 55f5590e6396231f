package org.tokendrift.eval;

import tech.tablesaw.api.ColumnType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Columns of {@code data/results/reproduction.csv}, in order, with their Tablesaw types:
 * <pre>backbone,method,train_steps,seed,nfe,num_samples,gen_ppl,entropy,distinct2,distinct4,self_bleu</pre>
 *
 * <p>One row is one (backbone, method, train_steps, seed, nfe) evaluation; those five columns are the
 * row key. {@code method} is one of {@code pretrained, continuation, tokendrift, real_text, ...} ({@link Methods}).
 * {@code nfe = 0} marks a reference row that was not sampled ({@code real_text}); charts draw such
 * rows as horizontal lines. Metrics: {@code gen_ppl} (token-pooled, judge), {@code entropy} (mean
 * unigram entropy, nats), {@code distinct2}/{@code distinct4} (over the sample set),
 * {@code self_bleu} (BLEU-4 against the other samples).
 */
public final class ResultsSchema {

    public static final String BACKBONE = "backbone";
    public static final String METHOD = "method";
    public static final String TRAIN_STEPS = "train_steps";
    public static final String SEED = "seed";
    public static final String NFE = "nfe";
    public static final String NUM_SAMPLES = "num_samples";
    public static final String GEN_PPL = "gen_ppl";
    public static final String ENTROPY = "entropy";
    public static final String DISTINCT2 = "distinct2";
    public static final String DISTINCT4 = "distinct4";
    public static final String SELF_BLEU = "self_bleu";

    /** Every column, in file order. */
    public static final List<String> COLUMNS = List.of(BACKBONE, METHOD, TRAIN_STEPS, SEED, NFE, NUM_SAMPLES,
            GEN_PPL, ENTROPY, DISTINCT2, DISTINCT4, SELF_BLEU);

    /** The metric columns (everything that is measured rather than a key or a count). */
    public static final List<String> METRICS = List.of(GEN_PPL, ENTROPY, DISTINCT2, DISTINCT4, SELF_BLEU);

    /** Explicit Tablesaw type of every column, so that "nfe" never becomes a double or "seed" a string. */
    public static final Map<String, ColumnType> TYPES = types();

    private ResultsSchema() {
    }

    private static Map<String, ColumnType> types() {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        types.put(BACKBONE, ColumnType.STRING);
        types.put(METHOD, ColumnType.STRING);
        types.put(TRAIN_STEPS, ColumnType.INTEGER);
        types.put(SEED, ColumnType.LONG);
        types.put(NFE, ColumnType.INTEGER);
        types.put(NUM_SAMPLES, ColumnType.INTEGER);
        for (String metric : METRICS) {
            types.put(metric, ColumnType.DOUBLE);
        }
        return Collections.unmodifiableMap(types);
    }
}

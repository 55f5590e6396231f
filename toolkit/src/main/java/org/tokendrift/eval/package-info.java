/**
 * Evaluation of generated text: the metrics of the paper's tables, the results table and its
 * summaries. Charts are in {@link org.tokendrift.eval.chart}.
 *
 * <h2>Contracts with the rest of the toolkit</h2>
 * Three small interfaces keep this package independent of the judge network, the samplers and
 * the tokenizer:
 * <ul>
 *   <li>{@link org.tokendrift.eval.TokenScorer}: per-position NLL of token ids under the judge;</li>
 *   <li>{@link org.tokendrift.eval.SampleSource}: {@code int[][] generate(numSamples, nfe, seed)} and a
 *       {@link org.tokendrift.eval.SampleDescriptor};</li>
 *   <li>{@link org.tokendrift.eval.TextCodec}: decode, encode and the EOS id.</li>
 * </ul>
 * Their implementations over the real judge, samplers and tokenizer are in
 * {@link org.tokendrift.eval.model}.
 *
 * <h2>Metrics</h2>
 * <ul>
 *   <li>{@link org.tokendrift.eval.GenerativePerplexity}: decode, re-tokenise, truncate, score,
 *       {@link org.tokendrift.eval.FirstEosMask first-EOS rule}, token-pooled
 *       {@code exp(sum NLL * mask / sum mask)};</li>
 *   <li>{@link org.tokendrift.eval.UnigramEntropy} (within a sample),
 *       {@link org.tokendrift.eval.DistinctN} and {@link org.tokendrift.eval.SelfBleu} (across
 *       samples: cross-sample mode collapse);</li>
 *   <li>{@link org.tokendrift.eval.ValidationPerplexity} from NELBO sums.</li>
 * </ul>
 *
 * <h2>Typical use</h2>
 * <pre>{@code
 * SampleEvaluator evaluator = new SampleEvaluator(new GenerativePerplexity(judgeCodec, judge));
 * SweepConfig config = SweepConfig.builder().seeds(List.of(0L, 1L, 2L)).numSamples(64).build();
 * new NfeSweep(config, generatorCodec, evaluator).run(sampler);    // samples/*.jsonl + reproduction.csv
 *
 * Table results = ResultsTable.load(Path.of("data/results/reproduction.csv"));
 * Table summary = SeedSummary.summarise(results);                   // mean and sample SD over seeds
 * String markdown = MarkdownReport.render(summary, MarkdownReport.Options.defaults());
 * }</pre>
 */
package org.tokendrift.eval;

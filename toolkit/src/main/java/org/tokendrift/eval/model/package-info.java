/**
 * The evaluation interfaces of {@link org.tokendrift.eval} wired to the real models: the judge
 * network, the diffusion samplers and the tokenizer. {@code eval} itself stays independent of them;
 * this package depends on {@code nn}, {@code diffusion}, {@code tokenizer}, {@code data} and (for the
 * validation loss) {@code train}.
 *
 * <ul>
 *   <li>{@link org.tokendrift.eval.model.JudgeScorer}: a causal DiT as the
 *       {@link org.tokendrift.eval.TokenScorer} of Gen-PPL;</li>
 *   <li>{@link org.tokendrift.eval.model.TokenizerCodec}: the BPE as the
 *       {@link org.tokendrift.eval.TextCodec};</li>
 *   <li>{@link org.tokendrift.eval.model.DiffusionSampleSource}: a denoiser and its
 *       {@link org.tokendrift.eval.model.NfeSampler} (NFE → steps, counted NFE checked) as the
 *       {@link org.tokendrift.eval.SampleSource} of an {@link org.tokendrift.eval.NfeSweep};</li>
 *   <li>{@link org.tokendrift.eval.model.EvaluationWeights}: a checkpoint's evaluation weights (EMA
 *       weights if present, else the weights of an EMA-only export) in a fresh DiT, with backbone,
 *       judge and vocabulary checks;</li>
 *   <li>{@link org.tokendrift.eval.model.RealTextReference} and
 *       {@link org.tokendrift.eval.model.HeldOutBlocks}: the {@code real_text} rows and the judge's
 *       real-vs-shuffled sanity check;</li>
 *   <li>{@link org.tokendrift.eval.model.ValidationNelbo}: validation NELBO/PPL of a checkpoint.</li>
 * </ul>
 *
 * <pre>{@code
 * TokenizerCodec codec = new TokenizerCodec(BpeTokenizer.load(DataPaths.tokenizerFile()));
 * DiT mdlm = EvaluationWeights.loadDenoiser(ckpt, DiffusionBackbone.MDLM, codec.vocabSize());
 * DiT judge = EvaluationWeights.loadJudge(judgeCkpt, codec.vocabSize());
 * SampleEvaluator evaluator = new SampleEvaluator(new GenerativePerplexity(codec,
 *         new JudgeScorer(judge, codec.eosId(), JudgeScorer.DEFAULT_MAX_BATCH)));
 * SampleSource source = new DiffusionSampleSource(mdlm,
 *         NfeSampler.mdlm(DiffusionBackbone.mdlmConfig(mdlm.config()), true, true),
 *         new SampleDescriptor("mdlm", "pretrained", ckpt.toString(), 2500), 64);
 * new NfeSweep(SweepConfig.builder().build(), codec, evaluator).run(source);
 * }</pre>
 */
package org.tokendrift.eval.model;

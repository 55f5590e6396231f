/**
 * TokenDrift building blocks (Oba, Furuta, Okazaki 2026, arXiv 2605.19470): the pieces that turn a
 * discrete diffusion LM's logits into a drifting objective, each usable and tested on its own.
 *
 * <pre>
 *   logits [B*L,V] --SoftTokenLift--> e~ [B*L,d] --FeatureEncoder (frozen DiT)--> H^(L-1), H^(L)
 *        --SequencePooling--> h [B][2d]   (unit norm, float64)
 *   clean x0 -> E[x0] -> FeatureEncoder -> SequencePooling -> u [B][2d]
 *   DriftInputs.tokenDrift(h, u, Q_real, Q_gen) --DriftField--> V [B][2d] (+ DriftDiagnostics)
 *   DriftLoss(h, V, alpha) -> dL/dh = -alpha V / B --LiftedFeatures.pullback--> dL/dlogits
 *   FeatureQueue.push(u), FeatureQueue.push(h)
 * </pre>
 * {@link org.tokendrift.drift.TokenDriftObjective} assembles exactly this (plus the logit mirror
 * teacher and the straight-through ablation) for one micro-step; {@link org.tokendrift.drift.ToyDrift2D}
 * is the same field and loss on a 2-D toy for teaching.
 *
 * <h2>The real DiT</h2>
 * {@link org.tokendrift.drift.DiTFeatureEncoder} is the encoder over the engine's frozen copy of the
 * starting weights. Per micro-step:
 * <pre>{@code
 * FeatureEncoder phi = DiTFeatureEncoder.frozenCopyOf(generator);              // phi and E frozen at the start
 * TokenDriftObjective objective = new TokenDriftObjective(config, phi, maskId);
 * DiT.Pass gen = generator.forward(corrupted, sigma, true);
 * TokenDriftObjective.Step s = objective.step(gen.logits(), corrupted, predicted, clean, sigma);
 * gen.backward(s.dLogits().divi(accumulationSteps), null, null);              // parameter grads
 * }</pre>
 * {@code org.tokendrift.train.TokenDriftTrainingObjective} does exactly this inside the trainer,
 * with gradient accumulation, the optional base loss and logging.
 *
 * <p>{@code predicted} is {@link org.tokendrift.drift.PredictedPositions#masked} for MDLM (and pass the
 * mask id as the excluded token) or {@link org.tokendrift.drift.PredictedPositions#all} for DUO.
 */
package org.tokendrift.drift;

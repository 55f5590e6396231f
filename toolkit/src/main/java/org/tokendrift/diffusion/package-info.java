/**
 * Discrete diffusion backbones: MDLM (absorbing state, {@code [MASK]}) and DUO (uniform state).
 *
 * <p>The maths follows {@code /work/shared/research/mdlm-duo-backbones.md} (sections A and B; where the
 * papers and the reference code differ, the code is followed, and DUO follows branch {@code ch-1}).
 *
 * <p>Contracts (see {@code toolkit/DESIGN.md}):
 * <ul>
 *   <li>token batches are host arrays {@code int[][] [B][L]};</li>
 *   <li>the network sees {@code double[] sigma} per sequence ({@code sigma = -log alpha_t}) or {@code null}
 *       when it is not time-conditioned (MDLM default);</li>
 *   <li>logits are {@code INDArray [B*L, V]} with row {@code b*L + l}; losses return their value and the
 *       gradient with respect to the logits in the same layout and data type;</li>
 *   <li>everything that feeds a categorical draw (probabilities, posteriors, uniforms) is float64.</li>
 * </ul>
 *
 * <p>Entry points: {@link org.tokendrift.diffusion.Backbone} ({@link org.tokendrift.diffusion.Mdlm},
 * {@link org.tokendrift.diffusion.Duo}), {@link org.tokendrift.diffusion.Sampler}
 * ({@link org.tokendrift.diffusion.MdlmSampler}, {@link org.tokendrift.diffusion.DuoSampler}),
 * {@link org.tokendrift.diffusion.DuoGaussianMap} and {@link org.tokendrift.diffusion.DuoCurriculum}. The
 * network is reached only through {@link org.tokendrift.diffusion.Denoiser}.
 */
package org.tokendrift.diffusion;

package org.tokendrift.drift;

/**
 * The noise level the frozen encoder is told it sees. Not stated in the paper (it matters only for
 * a time-conditioned backbone such as DUO; MDLM is time-unconditional) [NF].
 */
public enum EncoderNoiseLevel {
    /**
     * [I] default: sigma = null (the network sees 0) for both the generated and the clean
     * sequences. Rationale: phi's input is a "model-completed" sequence, i.e. meant to be clean,
     * and real and generated features are then computed under the same conditioning.
     */
    CLEAN,
    /** [I] alternative: the corruption's sigma for both passes (the generator's own conditioning). */
    CORRUPTION
}

package org.tokendrift.eval.model;

import org.tokendrift.diffusion.Backbone;
import org.tokendrift.diffusion.Duo;
import org.tokendrift.diffusion.DuoConfig;
import org.tokendrift.diffusion.Mdlm;
import org.tokendrift.diffusion.MdlmConfig;
import org.tokendrift.nn.DiTConfig;
import org.tokendrift.tokenizer.SpecialToken;

import java.util.Locale;

/**
 * The two diffusion families a checkpoint can hold, with the checks that a network fits the family
 * and the family's reference settings built for that network (the same settings
 * {@code train.Objectives} trains with).
 */
public enum DiffusionBackbone {
    /** Masked diffusion; the network may or may not be time-conditioned (reference: not). */
    MDLM,
    /** Uniform-state diffusion; the network is always time-conditioned. */
    DUO;

    /** Name used in the results table and on the command line: {@code mdlm}, {@code duo}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The backbone called {@code mdlm} or {@code duo} (any case). */
    public static DiffusionBackbone parse(String name) {
        for (DiffusionBackbone b : values()) {
            if (b.label().equals(name.toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backbone '" + name + "'; expected mdlm or duo");
    }

    /**
     * Fails with a message naming {@code source} if the network cannot be this backbone's denoiser:
     * a causal network (a judge), or a DUO network without time conditioning.
     */
    public void requireCompatible(DiTConfig cfg, String source) {
        if (cfg.causal()) {
            throw new IllegalArgumentException(source + " holds a causal network (a judge language model), not a "
                    + label() + " denoiser");
        }
        if (this == DUO && !cfg.timeConditioning()) {
            throw new IllegalArgumentException(source + " holds a network without time conditioning; a duo denoiser "
                    + "is conditioned on sigma (is it an mdlm checkpoint?)");
        }
        if (cfg.vocabSize() <= SpecialToken.MASK.id()) {
            throw new IllegalArgumentException(source + " has a vocabulary of " + cfg.vocabSize()
                    + " ids, too small to hold the special tokens");
        }
    }

    /** MDLM settings for a network: its vocabulary, {@code [MASK]} as the absorbing state, its time conditioning. */
    public static MdlmConfig mdlmConfig(DiTConfig cfg) {
        return MdlmConfig.builder(cfg.vocabSize(), SpecialToken.MASK.id()).timeConditioning(cfg.timeConditioning()).build();
    }

    /** DUO settings for a network: {@code K} = its whole vocabulary. */
    public static DuoConfig duoConfig(DiTConfig cfg) {
        return DuoConfig.defaults(cfg.vocabSize());
    }

    /** The backbone (forward process, loss, sampler) for a network of this family. */
    public Backbone create(DiTConfig cfg) {
        requireCompatible(cfg, "the network");
        return this == MDLM ? new Mdlm(mdlmConfig(cfg)) : new Duo(duoConfig(cfg));
    }
}

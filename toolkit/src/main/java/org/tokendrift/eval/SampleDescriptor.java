package org.tokendrift.eval;

import java.util.Objects;

/**
 * Where a set of samples came from: the backbone ({@code mdlm}, {@code duo}), the method
 * ({@code pretrained}, {@code continuation}, {@code tokendrift}, {@code real_text}, ...), the
 * checkpoint (a path or id, free text) and the number of training steps of that checkpoint.
 */
public record SampleDescriptor(String backbone, String method, String checkpoint, int trainSteps) {

    public SampleDescriptor {
        requireName(backbone, "backbone");
        requireName(method, "method");
        Objects.requireNonNull(checkpoint, "checkpoint must not be null (use \"\" if unknown)");
        if (trainSteps < 0) {
            throw new IllegalArgumentException("trainSteps must be >= 0, got " + trainSteps);
        }
    }

    private static void requireName(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-blank name");
        }
    }
}

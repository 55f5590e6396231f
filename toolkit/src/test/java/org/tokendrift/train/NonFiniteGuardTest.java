package org.tokendrift.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NonFiniteGuardTest {

    @Test
    void namesTheFirstBadTensorAndTheStep() {
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> tensors = new LinkedHashMap<>();
        tensors.put("grad/blocks.0.attn.qkv", Nd4j.create(new float[]{1f, 2f}));
        tensors.put("grad/out.weight", Nd4j.create(new float[]{1f, Float.NaN, Float.POSITIVE_INFINITY}));
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> NonFiniteGuard.requireFinite(42, tensors));
        assertEquals(42, e.step());
        assertEquals("grad/out.weight", e.tensor());
        assertTrue(e.getMessage().contains("1 NaN and 1 infinite"), e.getMessage());
    }

    @Test
    void finiteTensorsAndScalarsPass() {
        assertDoesNotThrow(() -> NonFiniteGuard.requireFinite(1, Map.of("w", Nd4j.ones(3, 3))));
        assertDoesNotThrow(() -> NonFiniteGuard.requireFinite(1, "loss", 3.2));
        assertThrows(NonFiniteException.class, () -> NonFiniteGuard.requireFinite(7, "loss", Double.NaN));
    }
}

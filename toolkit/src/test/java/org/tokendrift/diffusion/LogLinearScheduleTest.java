package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogLinearScheduleTest {

    private final LogLinearSchedule schedule = LogLinearSchedule.standard();

    @Test
    void alphaSigmaAndDerivativesMatchHandValues() {
        // alpha_t = 1 - 0.999 t
        assertEquals(1.0, schedule.alpha(0.0), 0.0);
        assertEquals(0.5005, schedule.alpha(0.5), 1e-15);
        assertEquals(0.001, schedule.alpha(1.0), 1e-15);
        assertEquals(-0.999, schedule.alphaPrime(0.3), 0.0);
        assertEquals(-Math.log(0.5005), schedule.sigma(0.5), 1e-15);
        assertEquals(-Math.log(0.001), schedule.sigma(1.0), 1e-12); // ≈ 6.9, the top DUO noise level
        // dsigma/dt = 0.999 / (1 - 0.999 t)
        assertEquals(0.999 / 0.5005, schedule.sigmaPrime(0.5), 1e-14);
    }

    @Test
    void mdlmWeightIsOneOverTAndEqualsTheReferenceExpression() {
        Mdlm mdlm = new Mdlm(MdlmConfig.defaults(5, 4));
        for (double t : new double[] {1e-3, 0.01, 0.25, 0.5, 0.9, 1.0}) {
            double sigma = schedule.sigma(t);
            double reference = schedule.sigmaPrime(t) / Math.expm1(sigma); // dsigma / (e^sigma - 1)
            assertEquals(1.0 / t, mdlm.lossWeight(t), 1e-9 / t, "weight at t = " + t);
            assertEquals(reference, mdlm.lossWeight(t), 1e-9 / t, "reference weight at t = " + t);
        }
    }

    @Test
    void rejectsTimesOutsideTheUnitInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schedule.alpha(1.5));
        assertTrue(e.getMessage().contains("[0, 1]") && e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> schedule.alpha(-0.1));
        assertThrows(IllegalArgumentException.class, () -> schedule.alpha(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new LogLinearSchedule(0.0));
    }
}

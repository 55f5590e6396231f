package org.tokendrift.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CellTextTest {

    @Test
    void meanAndSdWithTheirDecimalsAndWithoutAnSdOrAMean() {
        assertEquals("12.35 ± 0.56", CellText.meanSd(12.345678, 0.5555));
        assertEquals("0.512 ± 0.004", CellText.meanSd(0.51234, 0.0041, 3));
        assertEquals("12.35", CellText.meanSd(12.345678, Double.NaN), "a single seed has no SD");
        assertEquals(CellText.MISSING, CellText.meanSd(Double.NaN, 1.0));
    }

    @Test
    void percentAndSignedDifference() {
        assertEquals("89.3%", CellText.percent((1943.95 - 208.87) / 1943.95));
        assertEquals("-12.5%", CellText.percent(-0.125));
        assertEquals("-0.51", CellText.signed(5.41 - 5.92));
        assertEquals("+0.10", CellText.signed(0.1));
        assertEquals(CellText.MISSING, CellText.percent(Double.NaN));
        assertEquals(CellText.MISSING, CellText.signed(Double.NaN));
    }

    @Test
    void multipleOfAReference() {
        assertEquals("×30.95", CellText.multiple(6464.88 / 208.87));
        assertEquals("×0.98", CellText.multiple(0.984));
        assertEquals(CellText.MISSING, CellText.multiple(Double.NaN));
    }
}

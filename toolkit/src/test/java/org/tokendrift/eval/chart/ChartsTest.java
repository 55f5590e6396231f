package org.tokendrift.eval.chart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYSeries;
import org.tokendrift.eval.SummaryRow;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {

    private static final int[] NFES = {4, 8, 16, 32, 64, 128, 256};

    private static SummaryRow row(String method, int steps, int nfe, double ppl, double sd, double entropy) {
        return new SummaryRow("mdlm", method, steps, nfe, 3, ppl, sd, entropy, 0.02, 0.5, 0.01, 0.9, 0.01, 0.2, 0.01);
    }

    /** Figure-2-like MDLM values (paper, section C.10) plus a few broken entries. */
    private static List<SummaryRow> summary() {
        double[] pretrained = {1942, 800, 339, 195, 137, 123, 108};
        double[] continuation = {1944, 787, 338, 190, 130, 120, 110};
        double[] drift2k = {1450, 451, 193, 118, 84, 70, 71};
        double[] drift12k = {204, 52.5, 24.6, 15.1, 9.0, 6.2, 4.7};
        List<SummaryRow> rows = new ArrayList<>();
        for (int i = 0; i < NFES.length; i++) {
            rows.add(row("pretrained", 0, NFES[i], pretrained[i], pretrained[i] * 0.03, 5.95 - 0.02 * i));
            rows.add(row("continuation", 13000, NFES[i], continuation[i], continuation[i] * 0.04, 5.92 - 0.02 * i));
            rows.add(row("tokendrift", 2000, NFES[i], drift2k[i], drift2k[i] * 0.05, 5.7 - 0.05 * i));
            // at NFE 256 the SD exceeds the mean: its error bar must go, the point must stay
            rows.add(row("tokendrift", 12000, NFES[i], drift12k[i], i == 6 ? 5.0 : drift12k[i] * 0.05, 5.4 - 0.1 * i));
        }
        // a diverged seed mean and a NaN: dropped with a note
        rows.add(row("hard_st", 13000, 4, Double.POSITIVE_INFINITY, Double.NaN, 1.5));
        rows.add(row("hard_st", 13000, 8, 1036, 862, 1.4));
        rows.add(row("hard_st", 13000, 16, Double.NaN, Double.NaN, 1.6));
        rows.add(new SummaryRow("mdlm", "real_text", 0, 0, 1, 14.2, Double.NaN, 5.6, Double.NaN, 0.6, Double.NaN,
                0.95, Double.NaN, 0.15, Double.NaN));
        return rows;
    }

    private static void assertRendersHeadless(ChartResult result, Path dir, String name) throws IOException {
        List<Path> files = ChartFiles.savePngAndSvg(result.chart(), dir, name);
        assertEquals(List.of(dir.resolve(name + ".png"), dir.resolve(name + ".svg")), files);
        BufferedImage png = ImageIO.read(files.get(0).toFile());
        assertEquals(Charts.WIDTH, png.getWidth());
        assertEquals(Charts.HEIGHT, png.getHeight());
        Element svg = parseXml(files.get(1)).getDocumentElement();
        assertEquals("svg", svg.getTagName());
        assertEquals(Charts.WIDTH + "px", svg.getAttribute("width"));
        assertEquals(Charts.HEIGHT + "px", svg.getAttribute("height"));
        // text is drawn as paths, so a real drawing has many of them
        assertTrue(svg.getElementsByTagName("path").getLength() > 10, "SVG has no drawing");
    }

    private static Document parseXml(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // the SVG names the W3C DTD; do not fetch it (tests run offline)
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not well-formed XML: " + file, e);
        }
    }

    @Test
    void genPplVsNfeDrawsFinalCheckpointPerMethodAndSurvivesBrokenValues(@TempDir Path dir) throws IOException {
        List<SummaryRow> rows = new ArrayList<>(summary());
        rows.add(row("tokendrift-hard-lift", 100, 4, 5000, 10, 2.0));   // an ablation: read in its own table, not here
        ChartResult result = GenPplVsNfeChart.create(rows, "mdlm");
        assertEquals(List.of("pretrained", "continuation", "tokendrift", "hard_st", "real_text (reference)"),
                List.copyOf(result.chart().getSeriesMap().keySet()));

        XYSeries drift = result.chart().getSeriesMap().get("tokendrift");
        // final checkpoint (12k), x = log2(NFE) = 2..8
        assertArrayEquals(new double[]{2, 3, 4, 5, 6, 7, 8}, drift.getXData(), 1e-12);
        assertEquals(204, drift.getYData()[0], 1e-12);
        assertEquals(0.0, drift.getExtraValues()[6], 0.0, "error bar reaching below 0 is removed");
        assertEquals(204 * 0.05, drift.getExtraValues()[0], 1e-12);

        XYSeries hard = result.chart().getSeriesMap().get("hard_st");
        assertArrayEquals(new double[]{3}, hard.getXData(), 1e-12);
        assertEquals(862, hard.getExtraValues()[0], 0.0, "1036 - 862 > 0: the error bar stays");
        assertEquals(3, result.notes().size(), String.join("\n", result.notes()));
        assertTrue(result.notes().get(0).contains("'tokendrift' at NFE 256") && result.notes().get(0).contains("error bar"));
        assertTrue(result.notes().get(1).contains("'hard_st' at NFE 4") && result.notes().get(1).contains("Infinity"));
        assertTrue(result.notes().get(2).contains("'hard_st' at NFE 16") && result.notes().get(2).contains("NaN"));

        XYSeries real = result.chart().getSeriesMap().get("real_text (reference)");
        assertArrayEquals(new double[]{2, 8}, real.getXData(), 1e-12);
        assertArrayEquals(new double[]{14.2, 14.2}, real.getYData(), 1e-12);
        assertRendersHeadless(result, dir, "genppl_vs_nfe_mdlm");
    }

    @Test
    void frontierHasOnePointPerCheckpointAndNfe(@TempDir Path dir) throws IOException {
        ChartResult result = FrontierChart.create(summary(), "mdlm");
        XYSeries drift = result.chart().getSeriesMap().get("tokendrift");
        assertEquals(14, drift.getXData().length);
        assertEquals(1, result.chart().getSeriesMap().get("real_text").getXData().length);
        assertEquals(1, result.chart().getSeriesMap().get("hard_st").getXData().length);
        assertEquals(2, result.notes().size(), String.join("\n", result.notes()));
        assertRendersHeadless(result, dir, "frontier_mdlm");
    }

    @Test
    void trainingDynamicsHasOneCurvePerCheckpointPlusDashedReferences(@TempDir Path dir) throws IOException {
        ChartResult result = TrainingDynamicsChart.create(summary(), "mdlm", "tokendrift",
                List.of("pretrained", "continuation", "real_text"));
        assertEquals(List.of("tokendrift 2k", "tokendrift 12k", "pretrained", "continuation 13k", "real_text (reference)"),
                List.copyOf(result.chart().getSeriesMap().keySet()));
        assertEquals(1450, result.chart().getSeriesMap().get("tokendrift 2k").getYData()[0], 1e-12);
        assertRendersHeadless(result, dir, "training_dynamics_mdlm");
    }

    @Test
    void trainingDynamicsRealTextLineSpansTheReferenceCurvesToo() {
        List<SummaryRow> rows = new ArrayList<>();
        for (int nfe : new int[]{4, 8, 16}) {
            rows.add(row("tokendrift", 100, nfe, 900, 10, 4.5));
        }
        for (int nfe : NFES) {
            rows.add(row("pretrained", 0, nfe, 800, 10, 4.5));
        }
        rows.add(new SummaryRow("mdlm", "real_text", 0, 0, 3, 70, 3, 4.4, 0.01, 0.8, 0.01, 0.99, 0.001, 0.07, 0.01));

        ChartResult result = TrainingDynamicsChart.create(rows, "mdlm", "tokendrift", List.of("pretrained", "real_text"));

        // NFE 4..256 at x = log2(NFE) = 2..8, although the TokenDrift curve stops at NFE 16 (x = 4).
        assertArrayEquals(new double[]{2, 8}, result.chart().getSeriesMap().get("real_text (reference)").getXData(), 1e-12);
    }

    @Test
    void emptyChartStillRendersAndSaysWhy(@TempDir Path dir) throws IOException {
        ChartResult result = GenPplVsNfeChart.create(summary(), "duo");
        assertTrue(result.chart().getSeriesMap().isEmpty());
        assertEquals(List.of("no sampled rows for backbone 'duo'"), result.notes());
        assertRendersHeadless(result, dir, "empty");
    }

    @Test
    void axisHelpers() {
        assertEquals(2.0, Charts.nfePosition(4), 1e-12);
        assertEquals(8.0, Charts.nfePosition(256), 1e-12);
        assertEquals("2k", Charts.steps(2000));
        assertEquals("2.5k", Charts.steps(2500));
        assertEquals("500", Charts.steps(500));
    }
}

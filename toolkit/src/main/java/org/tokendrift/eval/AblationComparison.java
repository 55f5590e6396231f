package org.tokendrift.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Our TokenDrift ablations beside the paper's (its Tables 3-6), each against TokenDrift <em>at the same
 * number of steps</em>, which is how the paper reads them: Tables 3-4 at its final checkpoint (13k
 * steps), Tables 5-6 at 5k. The README's ablation tables ({@link ReproductionComparison}) and the
 * notebooks' ({@code org.tokendrift.notebook.Reproduction#ablations}) both take their cells from here.
 *
 * <p>The rules:
 * <ul>
 *   <li>variants: every {@code tokendrift-<variant>} ({@link Methods#isTokenDriftVariant}) we have sampled
 *       rows for at the paper's NFEs; an ablation only the paper has is not listed;</li>
 *   <li>ours: the variant at its latest evaluated checkpoint, and as its reference our {@code tokendrift}
 *       rows at that same {@code train_steps} (missing if that checkpoint was not evaluated);</li>
 *   <li>the paper's: the variant at its longest-trained checkpoint ({@link PaperTables#byNfe}), and as its
 *       reference the paper's {@code tokendrift} rows at the same continual steps, from the variant's own
 *       table, or else the lowest table that has them (the paper repeats its default row in every table,
 *       so the fallback only serves a transcription that leaves it out);</li>
 *   <li>the comparison, from the seed means: Gen-PPL as a multiple of the reference's,
 *       {@code ppl(variant) / ppl(tokendrift)} (below 1: the variant is better), and the entropy change
 *       {@code H(variant) − H(tokendrift)} in nats.</li>
 * </ul>
 * The lines come grouped by reference (our step, then the paper's step and table), each group led by its
 * reference line.
 *
 * <p>Names are matched as they are: our default keeps queues of 64 (the paper's span of 2 optimiser steps)
 * where the paper's keeps 1024, so our {@code tokendrift-queue-1024} has no paper counterpart by name
 * ({@link Methods}), although the paper's Table 5 measures that size as its default.
 */
public final class AblationComparison {

    /**
     * One line of the comparison: a variant, or the {@code tokendrift} reference of the variants after it.
     *
     * @param method         the method ({@code tokendrift} on a reference line)
     * @param reference      true on a reference line
     * @param ourSteps       our {@code train_steps} of these cells
     * @param paperSteps     the paper's continual steps of its cells, or -1 if the paper has none
     * @param paperTable     the paper's table of its cells, or -1 if the paper has none
     * @param ours           our cells by NFE (empty for a reference whose checkpoint was not evaluated)
     * @param paper          the paper's cells by NFE (empty if the paper has none)
     * @param oursReference  our {@code tokendrift} cells at {@code ourSteps} by NFE (empty on a reference line)
     * @param paperReference the paper's {@code tokendrift} cells at {@code paperSteps} (empty on a reference line)
     */
    public record Line(String method, boolean reference, int ourSteps, int paperSteps, int paperTable,
                       Map<Integer, SummaryRow> ours, Map<Integer, PaperRow> paper,
                       Map<Integer, SummaryRow> oursReference, Map<Integer, PaperRow> paperReference) {

        /** "100 / 13000 (Table 3)", or "100 / –" when the paper has no such cells. */
        public String steps() {
            return ourSteps + " / " + (paperSteps < 0 ? CellText.MISSING : paperSteps + " (Table " + paperTable + ")");
        }

        /** Our Gen-PPL over the reference's at {@code nfe}, NaN if either is missing or on a reference line. */
        public double ourPplRatio(int nfe) {
            SummaryRow v = ours.get(nfe);
            SummaryRow r = oursReference.get(nfe);
            return v == null || r == null ? Double.NaN : v.genPplMean() / r.genPplMean();
        }

        /** The paper's Gen-PPL over its reference's at {@code nfe}, NaN if either is missing. */
        public double paperPplRatio(int nfe) {
            PaperRow v = paper.get(nfe);
            PaperRow r = paperReference.get(nfe);
            return v == null || r == null ? Double.NaN : v.genPplMean() / r.genPplMean();
        }

        /** Our entropy minus the reference's at {@code nfe} (nats), NaN if either is missing. */
        public double ourEntropyChange(int nfe) {
            SummaryRow v = ours.get(nfe);
            SummaryRow r = oursReference.get(nfe);
            return v == null || r == null ? Double.NaN : v.entropyMean() - r.entropyMean();
        }

        /** The paper's entropy minus its reference's at {@code nfe} (nats), NaN if either is missing. */
        public double paperEntropyChange(int nfe) {
            PaperRow v = paper.get(nfe);
            PaperRow r = paperReference.get(nfe);
            return v == null || r == null ? Double.NaN : v.entropyMean() - r.entropyMean();
        }
    }

    private final List<Integer> nfes;
    private final List<Line> lines;

    private AblationComparison(List<Integer> nfes, List<Line> lines) {
        this.nfes = nfes;
        this.lines = lines;
    }

    /** The ablations of {@code backbone} in our seed summary, beside the paper's rows. */
    public static AblationComparison of(String backbone, List<SummaryRow> summary, List<PaperRow> paperRows) {
        List<Integer> nfes = BackboneComparison.paperNfes(paperRows);
        List<SummaryRow> sampled = summary.stream()
                .filter(r -> r.backbone().equals(backbone) && !r.isReference() && nfes.contains(r.nfe())).toList();
        TreeSet<String> variants = new TreeSet<>(Methods.DISPLAY_ORDER);
        sampled.stream().map(SummaryRow::method).filter(Methods::isTokenDriftVariant).forEach(variants::add);

        List<Line> variantLines = new ArrayList<>();
        for (String variant : variants) {
            Map<Integer, SummaryRow> ours = BackboneComparison.latestCheckpoint(sampled, variant);
            int ourSteps = ours.values().iterator().next().trainSteps();
            Map<Integer, PaperRow> paper = PaperTables.byNfe(paperRows, backbone, variant);
            int paperSteps = paper.isEmpty() ? -1 : paper.values().iterator().next().continualSteps();
            int paperTable = paper.isEmpty() ? -1 : paper.values().iterator().next().table();
            variantLines.add(new Line(variant, false, ourSteps, paperSteps, paperTable, ours, paper,
                    atSteps(sampled, Methods.TOKENDRIFT, ourSteps), paperTokenDrift(paperRows, backbone, paperSteps, paperTable)));
        }
        // Groups by reference: our step ascending, then the paper's step descending (none last), then its table.
        variantLines.sort(Comparator.comparingInt(Line::ourSteps).thenComparing(Line::paperSteps, Comparator.reverseOrder())
                .thenComparingInt(v -> referenceTable(v.paperReference())));
        List<Line> lines = new ArrayList<>();
        Line previous = null;
        for (Line v : variantLines) {
            int refTable = referenceTable(v.paperReference());
            if (previous == null || previous.ourSteps() != v.ourSteps() || previous.paperSteps() != v.paperSteps()
                    || referenceTable(previous.paperReference()) != refTable) {
                lines.add(new Line(Methods.TOKENDRIFT, true, v.ourSteps(), refTable < 0 ? -1 : v.paperSteps(), refTable,
                        v.oursReference(), v.paperReference(), Map.of(), Map.of()));
            }
            lines.add(v);
            previous = v;
        }
        return new AblationComparison(nfes, List.copyOf(lines));
    }

    /** The NFEs compared (the paper's tables'), ascending. */
    public List<Integer> nfes() {
        return nfes;
    }

    /** Reference and variant lines in display order; empty if we have no ablation rows. */
    public List<Line> lines() {
        return lines;
    }

    /** True if we have no sampled rows of any ablation. */
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    private static Map<Integer, SummaryRow> atSteps(List<SummaryRow> rows, String method, int steps) {
        Map<Integer, SummaryRow> byNfe = new LinkedHashMap<>();
        rows.stream().filter(r -> r.method().equals(method) && r.trainSteps() == steps)
                .sorted(Comparator.comparingInt(SummaryRow::nfe)).forEach(r -> byNfe.put(r.nfe(), r));
        return byNfe;
    }

    /** The table a reference's cells come from, or -1 without cells. */
    private static int referenceTable(Map<Integer, PaperRow> reference) {
        return reference.isEmpty() ? -1 : reference.values().iterator().next().table();
    }

    /** The paper's TokenDrift at {@code steps} continual steps: from {@code ownTable} if it has them, else the lowest table. */
    private static Map<Integer, PaperRow> paperTokenDrift(List<PaperRow> rows, String backbone, int steps, int ownTable) {
        List<PaperRow> matching = rows.stream().filter(r -> r.backbone().equals(backbone)
                && r.method().equals(Methods.TOKENDRIFT) && r.continualSteps() == steps).toList();
        int table = matching.stream().anyMatch(r -> r.table() == ownTable) ? ownTable
                : matching.stream().mapToInt(PaperRow::table).min().orElse(-1);
        Map<Integer, PaperRow> byNfe = new LinkedHashMap<>();
        matching.stream().filter(r -> r.table() == table).sorted(Comparator.comparingInt(PaperRow::nfe))
                .forEach(r -> byNfe.put(r.nfe(), r));
        return byNfe;
    }
}

package org.tokendrift.eval;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Our results beside the paper's for one backbone, cell by cell: which of our rows stand beside which
 * of the paper's. The README's comparison ({@link ReproductionComparison}) and the notebooks' tables
 * ({@code org.tokendrift.notebook.Reproduction}) both read their cells from here, so they always agree.
 *
 * <p>The rules:
 * <ul>
 *   <li>NFEs: those of the paper's main tables ({@link #paperNfes}: 4, 8, 16);</li>
 *   <li>methods: the paper's main three ({@link Methods#MAIN}), then every other method we have sampled
 *       rows for at those NFEs, in {@link Methods#DISPLAY_ORDER}, except the TokenDrift variants: an ablation
 *       is read against TokenDrift at its own step, which is {@link AblationComparison}'s table;</li>
 *   <li>ours: a method's rows at its latest evaluated checkpoint (the largest {@code train_steps} among its
 *       rows at those NFEs; earlier checkpoints are the training-dynamics chart's), by NFE;</li>
 *   <li>the paper's: its longest-trained checkpoint of the method ({@link PaperTables#byNfe});</li>
 *   <li>real text: our reference rows ({@code real_text}, {@code nfe = 0}); the paper reports none.</li>
 * </ul>
 */
public final class BackboneComparison {

    private final String backbone;
    private final List<Integer> nfes;
    private final Map<String, Map<Integer, SummaryRow>> ours = new LinkedHashMap<>();
    private final Map<String, Map<Integer, PaperRow>> paper = new LinkedHashMap<>();
    private final List<SummaryRow> realText;

    private BackboneComparison(String backbone, List<SummaryRow> summary, List<PaperRow> paperRows) {
        this.backbone = backbone;
        this.nfes = paperNfes(paperRows);
        List<SummaryRow> sampled = summary.stream()
                .filter(r -> r.backbone().equals(backbone) && !r.isReference() && nfes.contains(r.nfe())).toList();
        Set<String> methods = new TreeSet<>(Methods.DISPLAY_ORDER);
        methods.addAll(Methods.MAIN);
        sampled.stream().map(SummaryRow::method).filter(m -> !Methods.isTokenDriftVariant(m)).forEach(methods::add);
        for (String method : methods) {
            ours.put(method, latestCheckpoint(sampled, method));
            paper.put(method, PaperTables.byNfe(paperRows, backbone, method));
        }
        this.realText = summary.stream()
                .filter(r -> r.backbone().equals(backbone) && r.method().equals(Methods.REAL_TEXT)).toList();
    }

    /** The comparison for {@code backbone} from our seed summary and the paper's rows. */
    public static BackboneComparison of(String backbone, List<SummaryRow> summary, List<PaperRow> paperRows) {
        return new BackboneComparison(backbone, summary, paperRows);
    }

    /** The NFEs of the paper's main tables (Tables 1 and 2), ascending. */
    public static List<Integer> paperNfes(List<PaperRow> paperRows) {
        return paperRows.stream().filter(r -> Methods.MAIN.contains(r.method())).map(PaperRow::nfe)
                .distinct().sorted().toList();
    }

    /**
     * The relative Gen-PPL reduction of a method against a baseline, {@code (baseline − method) / baseline}:
     * positive when the method's Gen-PPL is lower (0.893 for the paper's −89.3%).
     */
    public static double reduction(double baseline, double method) {
        return (baseline - method) / baseline;
    }

    public String backbone() {
        return backbone;
    }

    /** The NFEs compared, ascending. */
    public List<Integer> nfes() {
        return nfes;
    }

    /** The methods compared, in display order. */
    public List<String> methods() {
        return List.copyOf(ours.keySet());
    }

    /** True if we have a sampled row of this backbone at one of the compared NFEs. */
    public boolean hasOurs() {
        return ours.values().stream().anyMatch(cells -> !cells.isEmpty());
    }

    /** Our cells of a method at its latest evaluated checkpoint, by NFE; empty if we have none. */
    public Map<Integer, SummaryRow> ours(String method) {
        return ours.getOrDefault(method, Map.of());
    }

    /** The paper's cells of a method, by NFE; empty if the paper has none for this backbone. */
    public Map<Integer, PaperRow> paper(String method) {
        return paper.getOrDefault(method, Map.of());
    }

    /**
     * The two checkpoints a method's row compares: "400 / 13000 (Table 1)", ours (its {@code train_steps})
     * then the paper's (continual steps, or "released" for the paper's pretrained checkpoint, and its table);
     * {@link CellText#MISSING} for a side without cells.
     */
    public String steps(String method) {
        Map<Integer, SummaryRow> mine = ours(method);
        Map<Integer, PaperRow> theirs = paper(method);
        String ourSteps = mine.isEmpty() ? CellText.MISSING : Integer.toString(mine.values().iterator().next().trainSteps());
        if (theirs.isEmpty()) {
            return ourSteps + " / " + CellText.MISSING;
        }
        PaperRow p = theirs.values().iterator().next();
        return ourSteps + " / " + (p.continualSteps() == 0 ? "released" : Integer.toString(p.continualSteps()))
                + " (Table " + p.table() + ")";
    }

    /** Our held-out real-text rows of this backbone (usually one). */
    public List<SummaryRow> realText() {
        return realText;
    }

    /** A method's rows at its largest {@code train_steps}, by NFE (empty if we have none). */
    static Map<Integer, SummaryRow> latestCheckpoint(List<SummaryRow> rows, String method) {
        List<SummaryRow> of = rows.stream().filter(r -> r.method().equals(method)).toList();
        int latest = of.stream().mapToInt(SummaryRow::trainSteps).max().orElse(-1);
        Map<Integer, SummaryRow> byNfe = new LinkedHashMap<>();
        of.stream().filter(r -> r.trainSteps() == latest).sorted(Comparator.comparingInt(SummaryRow::nfe))
                .forEach(r -> byNfe.put(r.nfe(), r));
        return byNfe;
    }
}

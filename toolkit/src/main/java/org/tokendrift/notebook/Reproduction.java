package org.tokendrift.notebook;

import org.tokendrift.eval.AblationComparison;
import org.tokendrift.eval.BackboneComparison;
import org.tokendrift.eval.CellText;
import org.tokendrift.eval.Methods;
import org.tokendrift.eval.PaperRow;
import org.tokendrift.eval.PaperTables;
import org.tokendrift.eval.ResultRow;
import org.tokendrift.eval.ResultsTable;
import org.tokendrift.eval.SeedSummary;
import org.tokendrift.eval.SummaryRow;
import org.tokendrift.eval.chart.ChartResult;
import org.tokendrift.eval.chart.FrontierChart;
import org.tokendrift.eval.chart.GenPplVsNfeChart;
import org.tokendrift.eval.chart.TrainingDynamicsChart;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The reproduction's results beside the paper's, for the "reproduction" sections of the backbone
 * notebooks: our rows of {@code reproduction.csv} (mean ± sample SD over seeds, {@link SeedSummary})
 * and the paper's of {@code paper-tables.csv} ({@link PaperTables}), as tables and charts in a line each:
 * <pre>
 *   Reproduction repro = Reproduction.load(DataPaths.root().resolve("results"));
 *   System.out.println(repro.status("mdlm"));      // which rows exist, or how to produce them
 *   Show.table(repro.besidePaper("mdlm"))           // Gen-PPL and entropy, ours beside the paper's
 *   Show.table(repro.diversity("mdlm"))             // distinct-2, distinct-4, self-BLEU
 *   Show.table(repro.ablations("mdlm"))             // each ablation against TokenDrift at its own step
 *   Show.chart(repro.genPplVsNfe("mdlm"))           // also trainingDynamics, frontier
 * </pre>
 * Which of our cells stand beside which of the paper's (each method's latest evaluated checkpoint, the
 * paper's NFEs) is {@link BackboneComparison}'s rule, and for the ablations {@link AblationComparison}'s, the
 * same as the README's comparison. Before the
 * reproduction has run, {@code reproduction.csv} does not exist: the tables then show the paper's values
 * alone, our cells read {@link CellText#MISSING}, and the charts have nothing to draw.
 */
public final class Reproduction {

    /** Our results, in the results folder. */
    public static final String RESULTS_FILE = "reproduction.csv";
    /** The paper's values, in the results folder. */
    public static final String PAPER_FILE = PaperTables.DEFAULT_CSV.getFileName().toString();
    /** How the reproduction is run (from the repository root). */
    public static final String HOW_TO_RUN = "run environment/reproduce.sh (from the repository root; it resumes where it "
            + "stopped), then re-execute this notebook";

    private final boolean resultsExist;
    private final List<ResultRow> rows;
    private final List<SummaryRow> summary;
    private final List<PaperRow> paper;

    private Reproduction(boolean resultsExist, List<ResultRow> rows, List<SummaryRow> summary, List<PaperRow> paper) {
        this.resultsExist = resultsExist;
        this.rows = rows;
        this.summary = summary;
        this.paper = paper;
    }

    /**
     * Reads {@code resultsDir/reproduction.csv}, which may be missing (nothing evaluated yet), and
     * {@code resultsDir/paper-tables.csv}, which must exist.
     */
    public static Reproduction load(Path resultsDir) throws IOException {
        List<PaperRow> paper = PaperTables.load(resultsDir.resolve(PAPER_FILE));
        Path csv = resultsDir.resolve(RESULTS_FILE);
        boolean exists = Files.exists(csv);
        Table results = exists ? ResultsTable.load(csv) : ResultsTable.empty();
        List<SummaryRow> summary = results.rowCount() == 0 ? List.of() : SummaryRow.fromTable(SeedSummary.summarise(results));
        return new Reproduction(exists, ResultsTable.rows(results), summary, paper);
    }

    /** True if {@code reproduction.csv} has any row of this backbone. */
    public boolean hasRows(String backbone) {
        return rows.stream().anyMatch(r -> r.backbone().equals(backbone));
    }

    /**
     * One line saying which of our rows exist for the backbone, method by method (its checkpoints,
     * NFEs and seeds), and which of the paper's three methods have none yet; or, when there are no rows
     * at all, that the reproduction has not been run yet and how to run it.
     */
    public String status(String backbone) {
        List<ResultRow> of = rows.stream().filter(r -> r.backbone().equals(backbone)).toList();
        if (of.isEmpty()) {
            String why = !resultsExist ? RESULTS_FILE + " does not exist yet"
                    : RESULTS_FILE + " has no " + backbone + " rows yet (" + rows.size() + " rows of other backbones)";
            return "The " + backbone + " reproduction has not been run: " + why + ". To produce it, " + HOW_TO_RUN
                    + ". Until then the tables show the paper's values alone and the charts are not drawn.";
        }
        TreeSet<String> methods = new TreeSet<>(Methods.DISPLAY_ORDER);
        of.forEach(r -> methods.add(r.method()));
        List<String> parts = new ArrayList<>();
        for (String method : methods) {
            parts.add(describe(method, of.stream().filter(r -> r.method().equals(method)).toList()));
        }
        List<String> missing = Methods.MAIN.stream().filter(m -> !methods.contains(m)).toList();
        return backbone + ": " + of.size() + " rows in " + RESULTS_FILE + ": " + String.join("; ", parts) + "."
                + (missing.isEmpty() ? "" : " Not evaluated yet: " + String.join(", ", missing) + ".");
    }

    /** "tokendrift at steps 100–400 (4 checkpoints), NFE 4–256, 3 seeds"; "real_text (reference), 3 seeds". */
    private static String describe(String method, List<ResultRow> rows) {
        long seeds = rows.stream().mapToLong(ResultRow::seed).distinct().count();
        String seedText = seeds + (seeds == 1 ? " seed" : " seeds");
        if (rows.stream().allMatch(r -> r.nfe() <= 0)) {
            return method + " (reference), " + seedText;
        }
        IntSummaryStatistics steps = rows.stream().mapToInt(ResultRow::trainSteps).summaryStatistics();
        long checkpoints = rows.stream().mapToInt(ResultRow::trainSteps).distinct().count();
        IntSummaryStatistics nfes = rows.stream().filter(r -> r.nfe() > 0).mapToInt(ResultRow::nfe).summaryStatistics();
        String stepText = checkpoints == 1 ? "step " + steps.getMax()
                : "steps " + range(steps) + " (" + checkpoints + " checkpoints)";
        return method + " at " + stepText + ", NFE " + range(nfes) + ", " + seedText;
    }

    private static String range(IntSummaryStatistics values) {
        return values.getMin() == values.getMax() ? Integer.toString(values.getMin()) : values.getMin() + "–" + values.getMax();
    }

    /**
     * Ours beside the paper's, one row per (method, NFE) at the paper's NFEs: the checkpoints compared,
     * our seed count, Gen-PPL and entropy (mean ± SD over seeds) ours and the paper's, and, for
     * {@code tokendrift} and {@code pretrained}, their comparison with the continuation baseline as in the
     * paper's Tables 1 and 2 (from the seed means): the relative Gen-PPL reduction {@code (cont − method) / cont}
     * (positive: lower than continuation) and the entropy change {@code method − cont}, ours and the paper's.
     * Methods: the paper's three, then any other method we have rows for except the TokenDrift variants,
     * which {@link #ablations} compares with TokenDrift at their own step. Our cells read
     * {@link CellText#MISSING} where we have no rows; the seed count is then missing.
     */
    public Table besidePaper(String backbone) {
        BackboneComparison c = BackboneComparison.of(backbone, summary, paper);
        StringColumn method = StringColumn.create("method");
        IntColumn nfe = IntColumn.create("NFE");
        StringColumn steps = StringColumn.create("steps (ours / paper)");
        IntColumn seeds = IntColumn.create("seeds");
        StringColumn genPplOurs = StringColumn.create("Gen-PPL ours");
        StringColumn genPplPaper = StringColumn.create("Gen-PPL paper");
        StringColumn entropyOurs = StringColumn.create("entropy ours");
        StringColumn entropyPaper = StringColumn.create("entropy paper");
        StringColumn reductionOurs = StringColumn.create("PPL reduction vs cont. ours");
        StringColumn reductionPaper = StringColumn.create("PPL reduction vs cont. paper");
        StringColumn entropyChangeOurs = StringColumn.create("entropy change vs cont. ours");
        StringColumn entropyChangePaper = StringColumn.create("entropy change vs cont. paper");
        for (String m : c.methods()) {
            // As in Tables 1 and 2: the methods against continuation; another method of ours (not an ablation,
            // which ablations() reads) has no such comparison in the paper.
            boolean compared = Methods.MAIN.contains(m) && !m.equals(Methods.CONTINUATION);
            for (int n : c.nfes()) {
                SummaryRow o = c.ours(m).get(n);
                PaperRow p = c.paper(m).get(n);
                SummaryRow oCont = compared ? c.ours(Methods.CONTINUATION).get(n) : null;
                PaperRow pCont = compared ? c.paper(Methods.CONTINUATION).get(n) : null;
                method.append(m);
                nfe.append(n);
                steps.append(c.steps(m));
                appendCells(o, p, seeds, genPplOurs, genPplPaper, entropyOurs, entropyPaper);
                reductionOurs.append(reduction(oCont, o, SummaryRow::genPplMean));
                reductionPaper.append(reduction(pCont, p, PaperRow::genPplMean));
                entropyChangeOurs.append(change(oCont, o, SummaryRow::entropyMean));
                entropyChangePaper.append(change(pCont, p, PaperRow::entropyMean));
            }
        }
        return Table.create(backbone + ": ours beside the paper", method, nfe, steps, seeds, genPplOurs, genPplPaper,
                entropyOurs, entropyPaper, reductionOurs, reductionPaper, entropyChangeOurs, entropyChangePaper);
    }

    /**
     * Our ablations beside the paper's Tables 3-6 ({@link AblationComparison}), one row per (line, NFE): each
     * variant after the {@code tokendrift} reference at the same step, with Gen-PPL as a multiple of the
     * reference's ({@code ×TD}, below 1: better) and the entropy change against it, ours and the paper's.
     * Empty (no rows) when we have no ablation rows of this backbone.
     */
    public Table ablations(String backbone) {
        AblationComparison c = AblationComparison.of(backbone, summary, paper);
        StringColumn method = StringColumn.create("method");
        IntColumn nfe = IntColumn.create("NFE");
        StringColumn steps = StringColumn.create("steps (ours / paper)");
        IntColumn seeds = IntColumn.create("seeds");
        StringColumn genPplOurs = StringColumn.create("Gen-PPL ours");
        StringColumn ratioOurs = StringColumn.create("×TD ours");
        StringColumn genPplPaper = StringColumn.create("Gen-PPL paper");
        StringColumn ratioPaper = StringColumn.create("×TD paper");
        StringColumn entropyOurs = StringColumn.create("entropy ours");
        StringColumn changeOurs = StringColumn.create("Δ entropy ours");
        StringColumn entropyPaper = StringColumn.create("entropy paper");
        StringColumn changePaper = StringColumn.create("Δ entropy paper");
        for (AblationComparison.Line line : c.lines()) {
            for (int n : c.nfes()) {
                SummaryRow o = line.ours().get(n);
                PaperRow p = line.paper().get(n);
                method.append(line.reference() ? line.method() + " (reference)" : line.method());
                nfe.append(n);
                steps.append(line.steps());
                appendCells(o, p, seeds, genPplOurs, genPplPaper, entropyOurs, entropyPaper);
                ratioOurs.append(CellText.multiple(line.ourPplRatio(n)));
                ratioPaper.append(CellText.multiple(line.paperPplRatio(n)));
                changeOurs.append(CellText.signed(line.ourEntropyChange(n)));
                changePaper.append(CellText.signed(line.paperEntropyChange(n)));
            }
        }
        return Table.create(backbone + ": ablations against TokenDrift at the same step", method, nfe, steps, seeds, genPplOurs,
                ratioOurs, genPplPaper, ratioPaper, entropyOurs, changeOurs, entropyPaper, changePaper);
    }

    /** Our seed count and our and the paper's Gen-PPL and entropy cells (mean ± SD), {@link CellText#MISSING} where absent. */
    private static void appendCells(SummaryRow o, PaperRow p, IntColumn seeds, StringColumn genPplOurs,
                                    StringColumn genPplPaper, StringColumn entropyOurs, StringColumn entropyPaper) {
        if (o == null) {
            seeds.appendMissing();
        } else {
            seeds.append(o.numSeeds());
        }
        genPplOurs.append(o == null ? CellText.MISSING : CellText.meanSd(o.genPplMean(), o.genPplSd()));
        genPplPaper.append(p == null ? CellText.MISSING : CellText.meanSd(p.genPplMean(), p.genPplSd()));
        entropyOurs.append(o == null ? CellText.MISSING : CellText.meanSd(o.entropyMean(), o.entropySd()));
        entropyPaper.append(p == null ? CellText.MISSING : CellText.meanSd(p.entropyMean(), p.entropySd()));
    }

    private static <T> String reduction(T baseline, T row, ToDoubleFunction<T> genPpl) {
        return baseline == null || row == null ? CellText.MISSING
                : CellText.percent(BackboneComparison.reduction(genPpl.applyAsDouble(baseline), genPpl.applyAsDouble(row)));
    }

    private static <T> String change(T baseline, T row, ToDoubleFunction<T> entropy) {
        return baseline == null || row == null ? CellText.MISSING
                : CellText.signed(entropy.applyAsDouble(row) - entropy.applyAsDouble(baseline));
    }

    /**
     * Diversity across samples, which the paper does not report: distinct-2, distinct-4 and self-BLEU
     * (mean ± SD over seeds) of every method we have rows for, at the cells of {@link #besidePaper}
     * (latest checkpoint, the paper's NFEs), then the ablations' at theirs ({@link #ablations}), then our
     * held-out real text ({@code nfe} 0) as the reference.
     * Empty (no rows) before the reproduction has run.
     */
    public Table diversity(String backbone) {
        BackboneComparison c = BackboneComparison.of(backbone, summary, paper);
        List<SummaryRow> shown = new ArrayList<>();
        for (String m : c.methods()) {
            shown.addAll(c.ours(m).values());
        }
        for (AblationComparison.Line line : AblationComparison.of(backbone, summary, paper).lines()) {
            if (!line.reference()) {
                shown.addAll(line.ours().values());
            }
        }
        shown.addAll(c.realText());
        StringColumn method = StringColumn.create("method");
        IntColumn nfe = IntColumn.create("NFE");
        IntColumn steps = IntColumn.create("steps");
        IntColumn seeds = IntColumn.create("seeds");
        StringColumn distinct2 = StringColumn.create("distinct-2");
        StringColumn distinct4 = StringColumn.create("distinct-4");
        StringColumn selfBleu = StringColumn.create("self-BLEU");
        for (SummaryRow r : shown) {
            method.append(r.method());
            nfe.append(r.nfe());
            steps.append(r.trainSteps());
            seeds.append(r.numSeeds());
            distinct2.append(CellText.meanSd(r.distinct2Mean(), r.distinct2Sd(), 3));
            distinct4.append(CellText.meanSd(r.distinct4Mean(), r.distinct4Sd(), 3));
            selfBleu.append(CellText.meanSd(r.selfBleuMean(), r.selfBleuSd(), 3));
        }
        return Table.create(backbone + ": diversity across samples", method, nfe, steps, seeds, distinct2, distinct4, selfBleu);
    }

    /**
     * Gen-PPL against NFE, one curve per method (ablations aside) at its final checkpoint, real text as a line
     * ({@link GenPplVsNfeChart}).
     */
    public ChartResult genPplVsNfe(String backbone) {
        return GenPplVsNfeChart.create(summary, backbone);
    }

    /**
     * Gen-PPL against NFE for every evaluated TokenDrift checkpoint, with the pretrained base and the
     * continuation baseline as dashed references (the paper's Figure 2; {@link TrainingDynamicsChart}).
     */
    public ChartResult trainingDynamics(String backbone) {
        return TrainingDynamicsChart.create(summary, backbone, Methods.TOKENDRIFT, TrainingDynamicsChart.REFERENCES);
    }

    /** Gen-PPL against entropy, every (checkpoint, NFE) of every method: the quality/diversity frontier ({@link FrontierChart}). */
    public ChartResult frontier(String backbone) {
        return FrontierChart.create(summary, backbone);
    }

    /** Our rows as seed means (every checkpoint and NFE), for tables of one's own. */
    public List<SummaryRow> summary() {
        return summary;
    }

    /** The paper's rows. */
    public List<PaperRow> paper() {
        return paper;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Reproduction(%s: %d rows, %d paper rows)", RESULTS_FILE, rows.size(), paper.size());
    }
}

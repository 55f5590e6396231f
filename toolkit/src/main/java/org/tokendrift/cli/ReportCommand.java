package org.tokendrift.cli;

import org.tokendrift.eval.MarkdownReport;
import org.tokendrift.eval.Methods;
import org.tokendrift.eval.PaperRow;
import org.tokendrift.eval.PaperTables;
import org.tokendrift.eval.ReproductionComparison;
import org.tokendrift.eval.ResultsTable;
import org.tokendrift.eval.SeedSummary;
import org.tokendrift.eval.SummaryRow;
import org.tokendrift.eval.chart.ChartFiles;
import org.tokendrift.eval.chart.ChartResult;
import org.tokendrift.eval.chart.FrontierChart;
import org.tokendrift.eval.chart.GenPplVsNfeChart;
import org.tokendrift.eval.chart.TrainingDynamicsChart;
import org.tokendrift.util.AtomicFiles;
import org.tokendrift.util.MarkedSection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code tokendrift report}: reads {@code reproduction.csv}, prints mean ± SD over seeds, and writes
 * {@code reproduction_summary.csv}, the Markdown table {@code reproduction.md} and, per backbone, the
 * charts {@code genppl_vs_nfe_<backbone>}, {@code frontier_<backbone>} and
 * {@code training_dynamics_<backbone>} as PNG and SVG. With {@code --readme README.md} it also
 * rewrites the README's marked section with our tables beside the paper's
 * ({@link ReproductionComparison}, from {@code paper-tables.csv}); only that section changes.
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = "Summarise the results table (mean ± SD over seeds), write the Markdown table and the charts; "
                + "with --readme, also the README's comparison with the paper.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--results", defaultValue = "data/results/reproduction.csv",
            description = "Results CSV to read (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--out-dir", defaultValue = "data/results",
            description = "Where the summary, Markdown and charts are written (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--baseline", defaultValue = Methods.CONTINUATION,
            description = "Method the relative Gen-PPL change is computed against (default: ${DEFAULT-VALUE}).")
    String baseline;

    @Option(names = "--nfe", split = ",",
            description = "NFE columns of the Markdown table, e.g. 4,8,16 (default: every NFE in the results).")
    List<Integer> nfes = new ArrayList<>();

    @Option(names = "--dynamics-method", defaultValue = Methods.TOKENDRIFT,
            description = "Method whose checkpoints form the training-dynamics chart (default: ${DEFAULT-VALUE}).")
    String dynamicsMethod;

    @Option(names = "--readme",
            description = "Also rewrite the section of this file (e.g. README.md) between the lines "
                    + ReproductionComparison.BEGIN + " and " + ReproductionComparison.END
                    + " with our tables beside the paper's; without results it says that no rows exist yet.")
    Path readme;

    @Option(names = "--paper", defaultValue = "data/results/paper-tables.csv",
            description = "The paper's values for --readme (default: ${DEFAULT-VALUE}).")
    Path paper;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<PaperRow> paperRows = List.of();
        if (readme != null) {
            // Both inputs of the README section are checked before anything is written.
            paperRows = PaperTables.load(paper);
            MarkedSection.replace(Files.readString(readme), ReproductionComparison.BEGIN, ReproductionComparison.END, "",
                    readme.toString());
        }
        if (!Files.exists(results) && readme == null) {
            spec.commandLine().getErr().println("report: no results file at " + results + " (run an evaluation sweep first)");
            return 1;
        }
        Table table = Files.exists(results) ? ResultsTable.load(results) : ResultsTable.empty();
        List<Path> written = new ArrayList<>();
        List<SummaryRow> rows = List.of();
        if (table.rowCount() > 0) {
            Table summary = SeedSummary.summarise(table);
            rows = SummaryRow.fromTable(summary);
            writeSummaryAndCharts(out, summary, rows, written);
        } else {
            out.println("report: no rows in " + results + " yet (run an evaluation sweep first)");
        }
        if (readme != null) {
            MarkedSection.rewrite(readme, ReproductionComparison.BEGIN, ReproductionComparison.END,
                    ReproductionComparison.render(rows, paperRows));
            written.add(readme);
        }
        out.println("Wrote:");
        written.forEach(p -> out.println("  " + p));
        out.flush();
        return 0;
    }

    private void writeSummaryAndCharts(PrintWriter out, Table summary, List<SummaryRow> rows, List<Path> written)
            throws IOException {
        out.println(summary.printAll());
        Path summaryCsv = outDir.resolve("reproduction_summary.csv");
        StringWriter csv = new StringWriter();
        summary.write().csv(csv);
        AtomicFiles.writeString(summaryCsv, csv.toString());
        written.add(summaryCsv);

        Path markdown = outDir.resolve("reproduction.md");
        AtomicFiles.writeString(markdown, MarkdownReport.render(summary, new MarkdownReport.Options(nfes, baseline)));
        written.add(markdown);

        // A backbone with only the real-text reference (nfe 0) has nothing to chart yet: an empty chart
        // would only mislead.
        for (String backbone : new TreeSet<>(rows.stream().filter(r -> r.nfe() > 0).map(SummaryRow::backbone).toList())) {
            String suffix = backbone.replaceAll("[^A-Za-z0-9._-]", "-");
            written.addAll(save(out, GenPplVsNfeChart.create(rows, backbone), "genppl_vs_nfe_" + suffix));
            written.addAll(save(out, FrontierChart.create(rows, backbone), "frontier_" + suffix));
            if (rows.stream().anyMatch(r -> r.backbone().equals(backbone) && r.method().equals(dynamicsMethod))) {
                written.addAll(save(out, TrainingDynamicsChart.create(rows, backbone, dynamicsMethod,
                        TrainingDynamicsChart.REFERENCES), "training_dynamics_" + suffix));
            }
        }
    }

    private List<Path> save(PrintWriter out, ChartResult chart, String baseName) throws IOException {
        for (String note : chart.notes()) {
            out.println("note (" + baseName + "): " + note);
        }
        return ChartFiles.savePngAndSvg(chart.chart(), outDir, baseName);
    }
}

package org.tokendrift.cli;

import org.tokendrift.eval.MarkdownReport;
import org.tokendrift.eval.Methods;
import org.tokendrift.eval.ResultsTable;
import org.tokendrift.eval.SeedSummary;
import org.tokendrift.eval.SummaryRow;
import org.tokendrift.eval.chart.ChartFiles;
import org.tokendrift.eval.chart.ChartResult;
import org.tokendrift.eval.chart.FrontierChart;
import org.tokendrift.eval.chart.GenPplVsNfeChart;
import org.tokendrift.eval.chart.TrainingDynamicsChart;
import org.tokendrift.util.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code tokendrift report}: reads {@code reproduction.csv}, prints mean ± SD over seeds, and writes
 * {@code reproduction_summary.csv}, the Markdown table {@code reproduction.md} and, per backbone, the
 * charts {@code genppl_vs_nfe_<backbone>}, {@code frontier_<backbone>} and
 * {@code training_dynamics_<backbone>} as PNG and SVG.
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = "Summarise the results table (mean ± SD over seeds), write the Markdown table and the charts.")
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Table summary;
        try {
            summary = SeedSummary.summarise(ResultsTable.load(results));
        } catch (NoSuchFileException e) {
            spec.commandLine().getErr().println("report: no results file at " + results + " (run an evaluation sweep first)");
            return 1;
        }
        out.println(summary.printAll());

        List<Path> written = new ArrayList<>();
        Path summaryCsv = outDir.resolve("reproduction_summary.csv");
        StringWriter csv = new StringWriter();
        summary.write().csv(csv);
        AtomicFiles.writeString(summaryCsv, csv.toString());
        written.add(summaryCsv);

        Path markdown = outDir.resolve("reproduction.md");
        AtomicFiles.writeString(markdown, MarkdownReport.render(summary, new MarkdownReport.Options(nfes, baseline)));
        written.add(markdown);

        List<SummaryRow> rows = SummaryRow.fromTable(summary);
        for (String backbone : new TreeSet<>(rows.stream().map(SummaryRow::backbone).toList())) {
            String suffix = backbone.replaceAll("[^A-Za-z0-9._-]", "-");
            written.addAll(save(out, GenPplVsNfeChart.create(rows, backbone), "genppl_vs_nfe_" + suffix));
            written.addAll(save(out, FrontierChart.create(rows, backbone), "frontier_" + suffix));
            if (rows.stream().anyMatch(r -> r.backbone().equals(backbone) && r.method().equals(dynamicsMethod))) {
                written.addAll(save(out, TrainingDynamicsChart.create(rows, backbone, dynamicsMethod,
                        List.of(Methods.PRETRAINED, Methods.CONTINUATION, Methods.REAL_TEXT)), "training_dynamics_" + suffix));
            }
        }
        out.println("Wrote:");
        written.forEach(p -> out.println("  " + p));
        out.flush();
        return 0;
    }

    private List<Path> save(PrintWriter out, ChartResult chart, String baseName) throws IOException {
        for (String note : chart.notes()) {
            out.println("note (" + baseName + "): " + note);
        }
        return ChartFiles.savePngAndSvg(chart.chart(), outDir, baseName);
    }
}

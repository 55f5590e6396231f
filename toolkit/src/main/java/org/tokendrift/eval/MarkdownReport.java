package org.tokendrift.eval;

import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Paper-style Markdown tables generated from a {@link SeedSummary}, so that the README table is
 * always the CSV's content: per backbone, one row per (method, train steps) with Gen-PPL and entropy
 * (mean ± sample SD over seeds) per NFE, followed by the relative Gen-PPL change against a baseline
 * method, {@code (mean_method - mean_baseline) / mean_baseline}, as in the paper's "-89.3% vs
 * continuation".
 */
public final class MarkdownReport {

    /**
     * @param nfes           NFE columns to show; empty means every sampled NFE present for the backbone
     * @param baselineMethod method to compare against in the relative-change table
     */
    public record Options(List<Integer> nfes, String baselineMethod) {

        public Options {
            nfes = List.copyOf(nfes);
            Objects.requireNonNull(baselineMethod, "baselineMethod");
        }

        /** All NFEs, relative change vs {@code continuation}. */
        public static Options defaults() {
            return new Options(List.of(), Methods.CONTINUATION);
        }
    }

    /** One table row: a method at one checkpoint. */
    private record Line(String method, int trainSteps) {
    }

    private MarkdownReport() {
    }

    public static String render(Table summary, Options options) {
        return render(SummaryRow.fromTable(summary), options);
    }

    /** Markdown for every backbone in the summary, backbones in alphabetical order. */
    public static String render(List<SummaryRow> summary, Options options) {
        StringBuilder md = new StringBuilder();
        for (String backbone : new TreeSet<>(summary.stream().map(SummaryRow::backbone).toList())) {
            List<SummaryRow> rows = summary.stream().filter(r -> r.backbone().equals(backbone)).toList();
            List<Integer> nfes = options.nfes().isEmpty()
                    ? rows.stream().filter(r -> !r.isReference()).map(SummaryRow::nfe).distinct().sorted().toList()
                    : options.nfes();
            Map<Line, Map<Integer, SummaryRow>> cells = cellsByLine(rows);
            md.append("## Backbone `").append(backbone).append("`\n\n");
            appendMetricTable(md, cells, nfes);
            appendRelativeChange(md, cells, nfes, options.baselineMethod());
        }
        return md.toString();
    }

    private static void appendMetricTable(StringBuilder md, Map<Line, Map<Integer, SummaryRow>> cells, List<Integer> nfes) {
        md.append("Gen-PPL (lower is better) and unigram entropy in nats (higher is more diverse) per NFE: "
                + "mean ± sample SD over seeds (no SD for a single seed). `real_text` is held-out text scored the "
                + "same way, without sampling, so its value repeats across NFE columns.\n\n");
        StringBuilder header = new StringBuilder("| Method | Train steps | Seeds |");
        StringBuilder rule = new StringBuilder("| --- | ---: | ---: |");
        for (int nfe : nfes) {
            header.append(" NFE ").append(nfe).append(" Gen-PPL ↓ | NFE ").append(nfe).append(" Entropy ↑ |");
            rule.append(" ---: | ---: |");
        }
        md.append(header).append('\n').append(rule).append('\n');
        for (Map.Entry<Line, Map<Integer, SummaryRow>> line : cells.entrySet()) {
            List<SummaryRow> shown = new ArrayList<>();
            StringBuilder values = new StringBuilder();
            for (int nfe : nfes) {
                SummaryRow cell = cellAt(line.getValue(), nfe);
                if (cell != null) {
                    shown.add(cell);
                }
                values.append(' ').append(cell == null ? CellText.MISSING : CellText.meanSd(cell.genPplMean(), cell.genPplSd()))
                        .append(" | ").append(cell == null ? CellText.MISSING : CellText.meanSd(cell.entropyMean(), cell.entropySd()))
                        .append(" |");
            }
            boolean reference = line.getValue().containsKey(0);
            md.append("| ").append(line.getKey().method())
                    .append(" | ").append(reference ? CellText.MISSING : Integer.toString(line.getKey().trainSteps()))
                    .append(" | ").append(seeds(shown)).append(" |").append(values).append('\n');
        }
        md.append('\n');
    }

    private static void appendRelativeChange(StringBuilder md, Map<Line, Map<Integer, SummaryRow>> cells, List<Integer> nfes,
                                             String baselineMethod) {
        List<Line> baselines = cells.keySet().stream()
                .filter(l -> l.method().equals(baselineMethod) && !cells.get(l).containsKey(0)).toList();
        if (baselines.isEmpty()) {
            return;
        }
        md.append("Relative Gen-PPL change vs `").append(baselineMethod)
                .append("`, (method − baseline) / baseline of the seed means; the baseline is taken at the same "
                        + "train steps, or at its only checkpoint.\n\n");
        StringBuilder header = new StringBuilder("| Method | Train steps |");
        StringBuilder rule = new StringBuilder("| --- | ---: |");
        for (int nfe : nfes) {
            header.append(" NFE ").append(nfe).append(" |");
            rule.append(" ---: |");
        }
        md.append(header).append('\n').append(rule).append('\n');
        for (Map.Entry<Line, Map<Integer, SummaryRow>> line : cells.entrySet()) {
            Line l = line.getKey();
            if (l.method().equals(baselineMethod) || line.getValue().containsKey(0)) {
                continue;
            }
            Line baseline = baselines.stream().filter(b -> b.trainSteps() == l.trainSteps()).findFirst()
                    .orElse(baselines.size() == 1 ? baselines.get(0) : null);
            md.append("| ").append(l.method()).append(" | ").append(l.trainSteps()).append(" |");
            for (int nfe : nfes) {
                SummaryRow cell = line.getValue().get(nfe);
                SummaryRow base = baseline == null ? null : cells.get(baseline).get(nfe);
                md.append(' ').append(cell == null || base == null ? CellText.MISSING
                        : String.format(Locale.ROOT, "%+.1f%%", 100 * (cell.genPplMean() - base.genPplMean()) / base.genPplMean()))
                        .append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** Rows grouped by (method, train steps) in display order, each with its cells by NFE. */
    private static Map<Line, Map<Integer, SummaryRow>> cellsByLine(List<SummaryRow> rows) {
        List<SummaryRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(SummaryRow::method, Methods.DISPLAY_ORDER)
                .thenComparingInt(SummaryRow::trainSteps).thenComparingInt(SummaryRow::nfe));
        Map<Line, Map<Integer, SummaryRow>> cells = new LinkedHashMap<>();
        for (SummaryRow r : sorted) {
            cells.computeIfAbsent(new Line(r.method(), r.trainSteps()), l -> new LinkedHashMap<>()).put(r.nfe(), r);
        }
        return cells;
    }

    /** The cell for an NFE column; a reference line (nfe 0) fills every column. */
    private static SummaryRow cellAt(Map<Integer, SummaryRow> line, int nfe) {
        return line.containsKey(0) ? line.get(0) : line.get(nfe);
    }

    private static String seeds(List<SummaryRow> cells) {
        if (cells.isEmpty()) {
            return CellText.MISSING;
        }
        IntSummaryStatistics n = cells.stream().mapToInt(SummaryRow::numSeeds).summaryStatistics();
        return n.getMin() == n.getMax() ? Integer.toString(n.getMin()) : n.getMin() + "–" + n.getMax();
    }
}

package org.tokendrift.eval;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.stdDev;

/**
 * Mean and sample standard deviation of every metric over seeds, grouped by
 * {@code (backbone, method, train_steps, nfe)}: the "mean ± SD over 3 seeds" of the paper's tables.
 *
 * <p>Output columns: {@code backbone, method, train_steps, nfe, num_seeds}, then for each metric
 * {@code <metric>_mean} and {@code <metric>_sd} (for example {@code gen_ppl_mean},
 * {@code gen_ppl_sd}), sorted by the group columns.
 *
 * <p>{@code sd = sqrt( sum_k (x_k - mean)^2 / (n - 1) )}, the sample SD (Tablesaw's {@code stdDev}
 * divides by {@code n - 1}). With fewer than two values the SD is undefined and reported as
 * {@code NaN} (Tablesaw would report 0, which would read as "perfectly reproducible"). Missing
 * metric values (NaN) are skipped by Tablesaw, so {@code n} is the number of non-missing values.
 */
public final class SeedSummary {

    public static final String NUM_SEEDS = "num_seeds";

    /** The grouping columns, in order. */
    public static final List<String> GROUP_COLUMNS = List.of(ResultsSchema.BACKBONE, ResultsSchema.METHOD,
            ResultsSchema.TRAIN_STEPS, ResultsSchema.NFE);

    private SeedSummary() {
    }

    /** Name of the mean column of a metric, e.g. {@code gen_ppl_mean}. */
    public static String meanColumn(String metric) {
        return metric + "_mean";
    }

    /** Name of the sample-SD column of a metric, e.g. {@code gen_ppl_sd}. */
    public static String sdColumn(String metric) {
        return metric + "_sd";
    }

    /** Summarises a results table (as loaded by {@link ResultsTable#load}). */
    public static Table summarise(Table results) {
        List<String> summarised = new ArrayList<>();
        summarised.add(ResultsSchema.SEED);
        summarised.addAll(ResultsSchema.METRICS);
        Table raw = results.summarize(summarised, mean, stdDev, count)
                .by(GROUP_COLUMNS.toArray(String[]::new));

        List<Column<?>> columns = new ArrayList<>();
        for (String group : GROUP_COLUMNS) {
            columns.add(raw.column(group).copy());
        }
        columns.add(asInt(raw.numberColumn(tablesawName("Count", ResultsSchema.SEED)), NUM_SEEDS));
        for (String metric : ResultsSchema.METRICS) {
            DoubleColumn meanColumn = raw.numberColumn(tablesawName("Mean", metric)).asDoubleColumn().setName(meanColumn(metric));
            DoubleColumn sdColumn = raw.numberColumn(tablesawName("Std. Deviation", metric)).asDoubleColumn()
                    .setName(sdColumn(metric));
            NumericColumn<?> n = raw.numberColumn(tablesawName("Count", metric));
            for (int row = 0; row < raw.rowCount(); row++) {
                if (n.getDouble(row) < 2) {
                    sdColumn.set(row, Double.NaN);
                }
            }
            columns.add(meanColumn);
            columns.add(sdColumn);
        }
        return Table.create("reproduction summary", columns).sortAscendingOn(GROUP_COLUMNS.toArray(String[]::new));
    }

    /** Column name Tablesaw gives an aggregate, e.g. {@code "Mean [gen_ppl]"}. */
    private static String tablesawName(String function, String column) {
        return function + " [" + column + "]";
    }

    private static IntColumn asInt(NumericColumn<?> column, String name) {
        IntColumn ints = IntColumn.create(name);
        for (int row = 0; row < column.size(); row++) {
            ints.append((int) Math.round(column.getDouble(row)));
        }
        return ints;
    }
}

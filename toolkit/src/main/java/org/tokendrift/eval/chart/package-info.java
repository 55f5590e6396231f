/**
 * XChart figures of the evaluation, as pure functions from a seed summary
 * ({@link org.tokendrift.eval.SummaryRow}) to an {@link org.knowm.xchart.XYChart}, with no kernel or
 * Swing dependency: the same code runs in JUnit, in the {@code report} command and in notebooks
 * (which only call {@code display(...)}).
 *
 * <ul>
 *   <li>{@link org.tokendrift.eval.chart.GenPplVsNfeChart}: Gen-PPL vs NFE, one curve per method;</li>
 *   <li>{@link org.tokendrift.eval.chart.FrontierChart}: Gen-PPL vs entropy;</li>
 *   <li>{@link org.tokendrift.eval.chart.TrainingDynamicsChart}: one curve per checkpoint;</li>
 *   <li>{@link org.tokendrift.eval.chart.SeriesChart}: any named (x, y) series in the same look, with
 *       optional error bars and log axes (behind the notebooks' {@code Plot});</li>
 *   <li>{@link org.tokendrift.eval.chart.ChartFiles}: PNG and SVG export.</li>
 * </ul>
 *
 * Every chart returns a {@link org.tokendrift.eval.chart.ChartResult} whose notes list the points
 * dropped or error bars removed to satisfy XChart's logarithmic axis.
 */
package org.tokendrift.eval.chart;

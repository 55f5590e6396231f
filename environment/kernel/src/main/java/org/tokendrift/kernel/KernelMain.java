package org.tokendrift.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the kernel for Jupyter: {@code java -jar tokendrift-kernel.jar CONNECTION_FILE}, as written
 * in kernel.json's argv. Options come from {@code TOKENDRIFT_KERNEL_*} environment variables
 * ({@link KernelOptions}); JVM options (heap size...) go into argv before {@code -jar}.
 */
public final class KernelMain {

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: java -jar tokendrift-kernel.jar CONNECTION_FILE "
                    + "(Jupyter starts the kernel this way from kernel.json)");
            System.exit(2);
        }
        KernelOptions options = KernelOptions.from(System.getenv());
        KernelLog.configure(options.logLevel());
        KernelConnectionProperties connectionProperties =
                KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));

        long start = System.nanoTime();
        TokenDriftKernel kernel = new TokenDriftKernel(options, Path.of("").toAbsolutePath());
        kernel.startInBackground();

        JupyterConnection connection = new JupyterConnection(connectionProperties);
        kernel.becomeHandlerForConnection(connection);
        InterruptSignal.onSigint(kernel::interrupt);
        connection.connect();
        KernelLog.info("Connected to Jupyter after " + (System.nanoTime() - start) / 1_000_000 + " ms");
        connection.waitUntilClose();
        // basekernel's socket loops are not daemon threads.
        System.exit(0);
    }
}

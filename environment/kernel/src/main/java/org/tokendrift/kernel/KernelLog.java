package org.tokendrift.kernel;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * The kernel's own log, written to the stderr the process started with (Jupyter's server log).
 *
 * <p>While a cell runs, basekernel points {@code System.err} at the cell's output; the stream is
 * captured here before the connection starts so that kernel messages never land in a notebook.
 * basekernel's loggers ("Loop-shell"...) are child loggers of the root logger configured here.
 */
public final class KernelLog {

    private static final PrintStream ORIGINAL_ERR = System.err;
    /** Kept strongly reachable: java.util.logging holds loggers only weakly, losing their level. */
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger KERNEL = Logger.getLogger("org.tokendrift.kernel");

    private KernelLog() {
    }

    /** Sends all java.util.logging output at {@code level} and above to the original stderr. */
    public static void configure(Level level) {
        for (Handler handler : ROOT.getHandlers()) {
            ROOT.removeHandler(handler);
        }
        Handler handler = new StreamHandler(ORIGINAL_ERR, new SimpleFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(level);
        ROOT.addHandler(handler);
        ROOT.setLevel(level);
    }

    public static void warn(String message) {
        KERNEL.warning(message);
    }

    public static void warn(String message, Throwable problem) {
        KERNEL.log(Level.WARNING, message, problem);
    }

    public static void info(String message) {
        KERNEL.info(message);
    }
}

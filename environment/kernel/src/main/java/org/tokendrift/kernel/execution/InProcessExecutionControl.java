package org.tokendrift.kernel.execution;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs JShell snippets inside the kernel's own JVM and hands their live result objects to the kernel.
 *
 * <p>JShell reports a snippet's value only as a string. To render a chart or a table the kernel needs
 * the object itself, so {@link #invoke(Method)} keeps the object under a fresh key and returns the
 * key as the "value"; the kernel then exchanges the key for the object with {@link #takeResult}.
 *
 * <p>Each snippet runs on its own daemon thread so that it can be interrupted, timed out, and, as a
 * last resort, stopped, while JShell's evaluating thread waits for it. The thread's context class
 * loader is the snippet class loader, so libraries that look up services through it (ND4J's backend,
 * for instance) see the jars added with {@code %jars} or {@code %maven}.
 */
public final class InProcessExecutionControl extends DirectExecutionControl {

    /** How long an interrupted snippet may take to notice before its thread is stopped by force. */
    private static final Duration GRACE_BEFORE_FORCED_STOP = Duration.ofSeconds(1);

    /** Stands for a {@code null} result, which a ConcurrentHashMap cannot hold. */
    private static final Object NULL_RESULT = new Object();

    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private final Duration timeout;
    private final Consumer<String> log;

    private volatile boolean cellRunning;
    private volatile StopCause stopCause;
    private volatile Throwable lastThrown;

    /**
     * @param timeout longest time one top-level statement may run; zero or negative for no limit
     * @param log     where to report problems that cannot be shown in a cell
     */
    public InProcessExecutionControl(Duration timeout, Consumer<String> log) {
        this.timeout = timeout;
        this.log = log;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Running snippet = new Running(doitMethod);
        running.add(snippet);
        try {
            Object value = snippet.await();
            String key = UUID.randomUUID().toString();
            results.put(key, value == null ? NULL_RESULT : value);
            return key;
        } finally {
            running.remove(snippet);
        }
    }

    /** Called by JShell's {@code stop()}; the kernel calls {@link #stopAll(StopCause)} directly. */
    @Override
    public void stop() {
        stopAll(StopCause.INTERRUPTED);
    }

    /**
     * Stops every running snippet (a {@code %load} may nest several) and remembers why, so that the
     * cell also stops before its next snippet if none was running yet (JShell was compiling).
     */
    public void stopAll(StopCause cause) {
        if (!cellRunning) {
            return;
        }
        stopCause = cause;
        running.forEach(Running::stop);
    }

    /**
     * Exchanges a key that {@link #invoke(Method)} returned for the snippet's result object.
     *
     * @throws IllegalArgumentException if no result is stored under the key
     */
    public Object takeResult(String key) {
        Object value = results.remove(key);
        if (value == null) {
            throw new IllegalArgumentException("No snippet result is stored under the key '" + key + "'");
        }
        return value == NULL_RESULT ? null : value;
    }

    /** Starts a new top-level cell: forgets the previous cell's stop cause and exception. */
    public void beginCell() {
        stopCause = null;
        lastThrown = null;
        cellRunning = true;
    }

    /** Ends the top-level cell: forgets results nobody asked for (statements produce one too). */
    public void endCell() {
        cellRunning = false;
        results.clear();
    }

    /** Why the current cell was stopped, or {@code null} if it was not. */
    public StopCause stopCause() {
        return stopCause;
    }

    /** The exception object the most recent failing snippet threw (JShell only keeps its name). */
    public Throwable lastThrown() {
        return lastThrown;
    }

    /** One snippet running on its own thread. */
    private final class Running {
        private final FutureTask<Object> task;
        private final Thread thread;

        Running(Method doitMethod) {
            this.task = new FutureTask<>(() -> doitMethod.invoke(null));
            this.thread = new Thread(task, "tokendrift-snippet");
            thread.setDaemon(true);
            thread.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        }

        Object await() throws Exception {
            thread.start();
            try {
                return timeout.isZero() || timeout.isNegative()
                        ? task.get()
                        : task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof InvocationTargetException) {
                    // DirectExecutionControl turns this into the UserException JShell reports.
                    lastThrown = cause.getCause();
                    throw (InvocationTargetException) cause;
                }
                throw new IllegalStateException("Could not run the snippet: " + cause, cause);
            } catch (TimeoutException e) {
                stopAll(StopCause.TIMED_OUT);
                throw new StoppedException();
            } catch (CancellationException | InterruptedException e) {
                // Cancelled by stopAll, or (for a snippet nested in %load) the enclosing snippet was.
                throw new StoppedException();
            }
        }

        void stop() {
            task.cancel(true);
            Thread reaper = new Thread(this::forceStopIfStillRunning, "tokendrift-snippet-reaper");
            reaper.setDaemon(true);
            reaper.start();
        }

        /** A loop that never checks for interrupts can only be stopped with Thread.stop. */
        @SuppressWarnings({"deprecation", "removal"})
        private void forceStopIfStillRunning() {
            try {
                thread.join(GRACE_BEFORE_FORCED_STOP.toMillis());
                if (thread.isAlive()) {
                    thread.stop();
                }
            } catch (UnsupportedOperationException e) {
                // Java 20 and later removed Thread.stop: the thread keeps running in the background.
                log.accept("The interrupted snippet ignores interrupts and this JVM cannot stop it; "
                        + "it keeps running in the background until the kernel restarts.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

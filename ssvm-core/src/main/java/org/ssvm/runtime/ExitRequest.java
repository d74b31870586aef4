package org.ssvm.runtime;

/**
 * Marks an exception that host code throws to end the guest's execution on purpose, such as WASI's
 * {@code proc_exit}. It is not a trap: {@link HostFunction#invokeFrom} and the engines let it through as it is,
 * with no conversion and no backtrace, for the embedder to catch.
 */
public interface ExitRequest {
}

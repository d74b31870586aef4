package org.ssvm.wasi;

import java.nio.file.Path;

/**
 * A host directory made visible to the guest.
 *
 * @param hostPath  the directory on the host
 * @param guestPath the name the guest sees through {@code fd_prestat_dir_name}
 * @param readOnly  whether the guest may only read below it
 */
public record Preopen(Path hostPath, String guestPath, boolean readOnly) {}

/**
 * WASI preview 1 ({@code wasi_snapshot_preview1}) for SSVM.
 *
 * <p>{@link org.ssvm.wasi.WasiPreview1} turns a {@link org.ssvm.wasi.WasiConfig} into host functions with the
 * exact core signatures of the witx; the logic behind them ({@link org.ssvm.wasi.FdCalls},
 * {@link org.ssvm.wasi.PathCalls}, {@link org.ssvm.wasi.ProcessCalls}) takes a {@link org.ssvm.runtime.Memory}
 * and returns errnos ({@link org.ssvm.wasi.Errno}), so it can be exercised without an interpreter.
 *
 * <p>Sandbox: a program reaches only its preopened directories. Every path is resolved by
 * {@code SandboxResolver} one component at a time with {@code NOFOLLOW_LINKS}, reading symbolic links itself;
 * absolute paths, {@code ..} above the directory fd and links leading out fail with {@code EPERM}. Open
 * descriptors re-check their host path before each use, so a parent directory swapped for a link cannot
 * redirect them. Rights are the preview-1 rights bits: a directory lacking a path right fails with
 * {@code EPERM}, reading or writing a file without the right with {@code EBADF}, other fd rights with
 * {@code ENOTCAPABLE}. These choices are the ones wasi-testsuite accepts.
 *
 * <p>Known limits: checks and uses of a path are separate host calls, so a concurrent host process that
 * swaps directories for links between them is not defended against; sockets are not provided (every fd is
 * "not a socket"); {@code proc_raise} returns ENOSYS.
 */
package org.ssvm.wasi;

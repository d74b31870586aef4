package org.ssvm.wasi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The expectations of one wasi-testsuite case ({@code foo.json} next to {@code foo.wasm}), in either the legacy
 * or the operation-based format, and the {@link WasiConfig} to run it with.
 *
 * <p>A runner: {@link #load} the spec, copy the test directory somewhere writable (the suite's directories are
 * modified by the tests), build the config with {@link #configure}, instantiate the module with
 * {@link WasiPreview1#functions()} as {@code wasi_snapshot_preview1}, call {@code _start} (catching
 * {@link WasiExitException}; a normal return is exit code 0), then compare the exit code and, when given, the
 * stdout/stderr text.
 *
 * @param args     program arguments after the program name
 * @param env      the whole environment
 * @param dirs     directories to preopen, relative to the test's directory; the guest sees the same name
 * @param exitCode the expected exit code
 * @param stdout   the expected standard output, or null when unchecked
 * @param stderr   the expected standard error, or null when unchecked
 */
public record WasiTestSpec(List<String> args, Map<String, String> env, List<String> dirs, int exitCode,
                           String stdout, String stderr) {

    /** Reads the spec for a test module; a missing .json means the defaults (no args, exit code 0). */
    public static WasiTestSpec load(Path wasmFile) throws IOException {
        String name = wasmFile.getFileName().toString();
        Path json = wasmFile.resolveSibling(name.substring(0, name.length() - ".wasm".length()) + ".json");
        if (!Files.exists(json)) {
            return new WasiTestSpec(List.of(), Map.of(), List.of(), 0, null, null);
        }
        return parse(Files.readString(json));
    }

    @SuppressWarnings("unchecked")
    public static WasiTestSpec parse(String jsonText) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(jsonText);
        List<String> args = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> dirs = new ArrayList<>();
        int exit = 0;
        String out = null;
        String err = null;
        List<Map<String, Object>> ops = (List<Map<String, Object>>) root.get("operations");
        if (ops == null) {
            // Legacy format: one flat object.
            ops = List.of(root);
        }
        for (Map<String, Object> op : ops) {
            String type = (String) op.get("type");
            if (type == null || type.equals("run")) {
                for (Object a : (List<Object>) op.getOrDefault("args", List.of())) {
                    args.add((String) a);
                }
                for (Map.Entry<String, Object> e : ((Map<String, Object>) op.getOrDefault("env", Map.of())).entrySet()) {
                    env.put(e.getKey(), (String) e.getValue());
                }
                for (Object d : (List<Object>) op.getOrDefault("dirs", List.of())) {
                    dirs.add((String) d);
                }
            }
            if ((type == null || type.equals("wait")) && op.get("exit_code") instanceof Number n) {
                exit = n.intValue();
            }
            if (type == null) {
                out = (String) op.get("stdout");
                err = (String) op.get("stderr");
            } else if (type.equals("read")) {
                String payload = (String) op.getOrDefault("payload", "");
                if ("stderr".equals(op.get("id"))) {
                    err = payload;
                } else {
                    out = payload;
                }
            }
        }
        return new WasiTestSpec(List.copyOf(args), Map.copyOf(env), List.copyOf(dirs), exit, out, err);
    }

    /**
     * A config builder for this test: argv[0] is {@code programName}, each dir is preopened from
     * {@code dirRoot} under its own name, and output goes to the given streams.
     */
    public WasiConfig.Builder configure(String programName, Path dirRoot, OutputStream out, OutputStream err) {
        WasiConfig.Builder b = WasiConfig.builder().args(programName).args(args).env(env).stdout(out).stderr(err)
                .stdin(java.io.InputStream.nullInputStream());
        for (String d : dirs) {
            b.preopen(dirRoot.resolve(d), d);
        }
        return b;
    }

    /** Deletes the {@code *.cleanup} artifacts a previous run may have left under {@code dir}. */
    public static void removeCleanupFiles(Path dir) throws IOException {
        List<Path> found;
        try (Stream<Path> walk = Files.walk(dir)) {
            found = walk.filter(p -> p.getFileName().toString().endsWith(".cleanup"))
                    .sorted(java.util.Comparator.reverseOrder()).toList();
        }
        for (Path p : found) {
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> inner = Files.walk(p)) {
                    for (Path q : inner.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(q);
                    }
                }
            } else {
                Files.deleteIfExists(p);
            }
        }
    }
}

package org.ssvm.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of a .wast reader to pull out binary modules: {@code (module [$id] binary "..." ...)}
 * wherever it occurs, with the command it sits in and, for {@code assert_malformed}, the expected message.
 */
final class WastBinaryExtractor {
    /** One binary module found in a script. */
    record BinaryModule(String command, byte[] bytes, String expected, int line) {
    }

    private final String text;
    private int pos;
    private int line = 1;

    private WastBinaryExtractor(String text) {
        this.text = text;
    }

    static List<BinaryModule> extract(String text) {
        WastBinaryExtractor x = new WastBinaryExtractor(text);
        List<BinaryModule> out = new ArrayList<>();
        while (true) {
            Object node = x.next();
            if (node == null) {
                return out;
            }
            if (node instanceof Node n) {
                String command = n.head();
                collect(n, command, out);
            }
        }
    }

    private static void collect(Node n, String command, List<BinaryModule> out) {
        if ("module".equals(n.head()) && isBinary(n)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (Object c : n.children) {
                if (c instanceof byte[] b) {
                    bytes.writeBytes(b);
                }
            }
            out.add(new BinaryModule(command, bytes.toByteArray(), null, n.line));
            return;
        }
        int before = out.size();
        for (Object c : n.children) {
            if (c instanceof Node child) {
                collect(child, command, out);
            }
        }
        // The expected message of an assertion is its last string child.
        if (out.size() > before && n.children.getLast() instanceof byte[] msg && !"module".equals(n.head())) {
            for (int i = before; i < out.size(); i++) {
                BinaryModule m = out.get(i);
                if (m.expected() == null) {
                    out.set(i, new BinaryModule(m.command(), m.bytes(), new String(msg, StandardCharsets.UTF_8),
                            m.line()));
                }
            }
        }
    }

    private static boolean isBinary(Node n) {
        for (int i = 1; i < n.children.size() && i <= 2; i++) {
            if ("binary".equals(n.children.get(i))) {
                return true;
            }
        }
        return false;
    }

    static final class Node {
        final List<Object> children = new ArrayList<>();
        final int line;

        Node(int line) {
            this.line = line;
        }

        String head() {
            return !children.isEmpty() && children.getFirst() instanceof String s ? s : null;
        }
    }

    /** The next node: a Node, an atom String, a byte[] string literal, or null at the end / a ')' . */
    private Object next() {
        skipSpace();
        if (pos >= text.length()) {
            return null;
        }
        char c = text.charAt(pos);
        if (c == '(') {
            Node n = new Node(line);
            pos++;
            while (true) {
                skipSpace();
                if (pos >= text.length()) {
                    throw new IllegalStateException("unbalanced parentheses at line " + n.line);
                }
                if (text.charAt(pos) == ')') {
                    pos++;
                    return n;
                }
                n.children.add(next());
            }
        }
        if (c == ')') {
            throw new IllegalStateException("unexpected ) at line " + line);
        }
        if (c == '"') {
            return string();
        }
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && "()\";".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private byte[] string() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pos++;
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toByteArray();
            }
            if (c != '\\') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '\\' -> out.write('\\');
                case '\'' -> out.write('\'');
                case '"' -> out.write('"');
                case 'u' -> {
                    int close = text.indexOf('}', pos);
                    int cp = Integer.parseInt(text.substring(pos + 1, close), 16);
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    pos = close + 1;
                }
                default -> {
                    out.write(Integer.parseInt(text.substring(pos - 1, pos + 1), 16));
                    pos++;
                }
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (text.startsWith(";;", pos)) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (text.startsWith("(;", pos)) {
                int depth = 1;
                pos += 2;
                while (depth > 0) {
                    if (text.startsWith("(;", pos)) {
                        depth++;
                        pos += 2;
                    } else if (text.startsWith(";)", pos)) {
                        depth--;
                        pos += 2;
                    } else {
                        if (text.charAt(pos) == '\n') {
                            line++;
                        }
                        pos++;
                    }
                }
            } else {
                return;
            }
        }
    }
}

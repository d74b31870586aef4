package org.ssvm.runtime.simd;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal S-expression reader for the spec's .wast scripts, enough for the SIMD conformance test to read
 * function bodies and assertions (strings are kept with their quotes, comments are skipped).
 */
sealed interface SExpr {
    record Atom(String text) implements SExpr {
        boolean isString() { return text.startsWith("\""); }

        /** The string without quotes (escapes are left as written; export names in the suite have none). */
        String unquoted() { return text.substring(1, text.length() - 1); }

        @Override public String toString() { return text; }
    }

    record Node(List<SExpr> items) implements SExpr {
        SExpr get(int i) { return items.get(i); }

        int size() { return items.size(); }

        /** The leading keyword, or "" when the list is empty or starts with a list. */
        String head() { return !items.isEmpty() && items.get(0) instanceof Atom a ? a.text() : ""; }

        @Override public String toString() {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < items.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(items.get(i));
            }
            return sb.append(')').toString();
        }
    }

    /** Reads every top-level form of a script. */
    static List<Node> parseAll(String text) {
        Reader r = new Reader(text);
        List<Node> forms = new ArrayList<>();
        while (true) {
            r.skipSpace();
            if (r.pos >= text.length()) {
                return forms;
            }
            forms.add((Node) r.read());
        }
    }

    final class Reader {
        private final String s;
        private int pos;

        Reader(String s) { this.s = s; }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (s.startsWith(";;", pos)) {
                    while (pos < s.length() && s.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (s.startsWith("(;", pos)) {
                    int depth = 0;
                    do {
                        if (s.startsWith("(;", pos)) { depth++; pos += 2; }
                        else if (s.startsWith(";)", pos)) { depth--; pos += 2; }
                        else { pos++; }
                    } while (depth > 0 && pos < s.length());
                } else {
                    return;
                }
            }
        }

        SExpr read() {
            skipSpace();
            char c = s.charAt(pos);
            if (c == '(') {
                pos++;
                List<SExpr> items = new ArrayList<>();
                while (true) {
                    skipSpace();
                    if (s.charAt(pos) == ')') {
                        pos++;
                        return new Node(items);
                    }
                    items.add(read());
                }
            }
            int start = pos;
            if (c == '"') {
                pos++;
                while (s.charAt(pos) != '"') {
                    pos += s.charAt(pos) == '\\' ? 2 : 1;
                }
                pos++;
            } else {
                while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && "()\";".indexOf(s.charAt(pos)) < 0) {
                    pos++;
                }
            }
            return new Atom(s.substring(start, pos));
        }
    }
}

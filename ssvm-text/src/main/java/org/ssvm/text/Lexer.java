package org.ssvm.text;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Splits WebAssembly text (WAT or WAST) into tokens. The lexer scans a char array once and stores the tokens in
 * parallel int arrays (kind, start, end, line, column) so that the parser can look ahead cheaply; token text and
 * string contents are materialized only when asked for.
 *
 * <p>Comments ({@code ;; ...} and nested {@code (; ... ;)}) and annotations {@code (@name ...)} are skipped.
 */
public final class Lexer {
    /** Token kinds. */
    public static final int LPAREN = 0, RPAREN = 1, STRING = 2, ID = 3, ATOM = 4, EOF = 5;

    private final char[] src;
    private int count;
    private int[] kinds = new int[256];
    private int[] starts = new int[256];
    private int[] ends = new int[256];
    private int[] lines = new int[256];
    private int[] cols = new int[256];

    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(char[] src) {
        this.src = src;
    }

    /** Tokenizes the whole text; throws {@link org.ssvm.DecodeException} on a lexical error. */
    public static Lexer tokenize(String text) {
        Lexer lx = new Lexer(text.toCharArray());
        lx.run();
        return lx;
    }

    public int count() { return count; }

    public int kind(int i) { return kinds[i]; }

    public int line(int i) { return lines[i]; }

    public int column(int i) { return cols[i]; }

    public int start(int i) { return starts[i]; }

    public int end(int i) { return ends[i]; }

    /** The token's source text (for strings including the quotes). */
    public String text(int i) { return new String(src, starts[i], ends[i] - starts[i]); }

    /** Whether token {@code i} is an atom spelled exactly {@code word}, compared without allocating. */
    public boolean is(int i, String word) {
        if (kinds[i] != ATOM && kinds[i] != ID) {
            return false;
        }
        int len = ends[i] - starts[i];
        if (len != word.length()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (src[starts[i] + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** First character of the token. */
    public char firstChar(int i) { return src[starts[i]]; }

    /** The source text between two char offsets. */
    public String source(int from, int to) { return new String(src, from, to - from); }

    /**
     * The decoded bytes of a string token (escapes resolved, other characters UTF-8 encoded), or of the string
     * part of a {@code $"..."} identifier.
     */
    public byte[] stringBytes(int i) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ends[i] - starts[i]);
        int p = starts[i] + (kinds[i] == ID ? 2 : 1);
        int end = ends[i] - 1;
        while (p < end) {
            char c = src[p++];
            if (c != '\\') {
                if (c < 0x80) {
                    out.write(c);
                } else {
                    int cp = c;
                    if (Character.isHighSurrogate(c) && p < end && Character.isLowSurrogate(src[p])) {
                        cp = Character.toCodePoint(c, src[p++]);
                    }
                    writeUtf8(out, cp);
                }
                continue;
            }
            char e = src[p++];
            switch (e) {
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case '"' -> out.write('"');
                case '\'' -> out.write('\'');
                case '\\' -> out.write('\\');
                case 'u' -> {
                    int close = p + 1;
                    while (src[close] != '}') {
                        close++;
                    }
                    int cp = Integer.parseInt(new String(src, p + 1, close - p - 1).replace("_", ""), 16);
                    writeUtf8(out, cp);
                    p = close + 1;
                }
                default -> {
                    out.write(Character.digit(e, 16) * 16 + Character.digit(src[p], 16));
                    p++;
                }
            }
        }
        return out.toByteArray();
    }

    private static void writeUtf8(ByteArrayOutputStream out, int cp) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | cp >> 6);
            out.write(0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out.write(0xE0 | cp >> 12);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        } else {
            out.write(0xF0 | cp >> 18);
            out.write(0x80 | cp >> 12 & 0x3F);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        }
    }

    /** Characters allowed in keywords, numbers and identifiers. */
    static boolean isIdChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '/', ':', '<', '=', '>', '?', '@', '\\', '^',
                 '_', '`', '|', '~' -> true;
            default -> false;
        };
    }

    private void run() {
        int n = src.length;
        while (true) {
            skipSpace();
            if (pos >= n) {
                add(EOF, pos, pos, line, pos - lineStart + 1);
                return;
            }
            int start = pos;
            int tokLine = line;
            int tokCol = pos - lineStart + 1;
            char c = src[pos];
            if (c == '(') {
                if (pos + 1 < n && src[pos + 1] == '@') {
                    skipAnnotation();
                    continue;
                }
                pos++;
                add(LPAREN, start, pos, tokLine, tokCol);
            } else if (c == ')') {
                pos++;
                add(RPAREN, start, pos, tokLine, tokCol);
            } else if (c == '"') {
                scanString();
                add(STRING, start, pos, tokLine, tokCol);
                if (pos < n && !isSeparator(src[pos])) {
                    throw error("unknown operator: token follows string without a space", line,
                            pos - lineStart + 1);
                }
            } else if (isIdChar(c)) {
                while (pos < n && isIdChar(src[pos])) {
                    pos++;
                }
                if (c == '$' && pos == start + 1 && pos < n && src[pos] == '"') {
                    // $"..." identifier form: the identifier is the string's content
                    scanString();
                    add(ID, start, pos, tokLine, tokCol);
                } else if (c == '$' && pos == start + 1) {
                    throw error("unexpected token: empty identifier", tokLine, tokCol);
                } else {
                    add(c == '$' ? ID : ATOM, start, pos, tokLine, tokCol);
                }
                if (pos < n && (src[pos] == '"' || !isSeparator(src[pos]))) {
                    throw error("unknown operator: '" + new String(src, start, pos - start + 1) + "'", tokLine,
                            tokCol);
                }
            } else {
                throw error("unexpected character '" + printable(c) + "'", tokLine, tokCol);
            }
        }
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == ';';
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    private void skipSpace() {
        int n = src.length;
        while (pos < n) {
            char c = src[pos];
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n') {
                newline(++pos);
            } else if (c == ';' && pos + 1 < n && src[pos + 1] == ';') {
                // a line comment ends at any line break: LF, CR or CR LF
                while (pos < n && src[pos] != '\n' && src[pos] != '\r') {
                    pos++;
                }
            } else if (c == '(' && pos + 1 < n && src[pos + 1] == ';') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void newline(int next) {
        line++;
        lineStart = next;
    }

    private void skipBlockComment() {
        int startLine = line;
        int startCol = pos - lineStart + 1;
        int depth = 0;
        int n = src.length;
        while (pos < n) {
            char c = src[pos];
            if (c == '(' && pos + 1 < n && src[pos + 1] == ';') {
                depth++;
                pos += 2;
            } else if (c == ';' && pos + 1 < n && src[pos + 1] == ')') {
                pos += 2;
                if (--depth == 0) {
                    return;
                }
            } else {
                if (c == '\n') {
                    newline(pos + 1);
                }
                pos++;
            }
        }
        throw error("unclosed comment", startLine, startCol);
    }

    private void skipAnnotation() {
        int startLine = line;
        int startCol = pos - lineStart + 1;
        int depth = 0;
        int n = src.length;
        while (pos < n) {
            char c = src[pos];
            if (c == '"') {
                scanString();
                continue;
            }
            if (c == '(' && pos + 1 < n && src[pos + 1] == ';') {
                skipBlockComment();
                continue;
            }
            if (c == ';' && pos + 1 < n && src[pos + 1] == ';') {
                while (pos < n && src[pos] != '\n') {
                    pos++;
                }
                continue;
            }
            if (c == '\n') {
                newline(pos + 1);
            }
            pos++;
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return;
            }
        }
        throw error("unclosed annotation", startLine, startCol);
    }

    /** Checks a string literal's syntax and leaves {@code pos} after its closing quote. */
    private void scanString() {
        int startLine = line;
        int startCol = pos - lineStart + 1;
        int n = src.length;
        pos++;
        while (true) {
            if (pos >= n) {
                throw error("unclosed string", startLine, startCol);
            }
            char c = src[pos];
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\n') {
                throw error("unclosed string", startLine, startCol);
            }
            if (c < 0x20 || c == 0x7F) {
                throw error("illegal control character in string", line, pos - lineStart + 1);
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (pos + 1 >= n) {
                throw error("unclosed string", startLine, startCol);
            }
            char e = src[pos + 1];
            switch (e) {
                case 't', 'n', 'r', '"', '\'', '\\' -> pos += 2;
                case 'u' -> scanUnicodeEscape();
                default -> {
                    if (pos + 2 < n && Character.digit(e, 16) >= 0 && Character.digit(src[pos + 2], 16) >= 0) {
                        pos += 3;
                    } else {
                        throw error("illegal escape", line, pos - lineStart + 1);
                    }
                }
            }
        }
    }

    private void scanUnicodeEscape() {
        int escCol = pos - lineStart + 1;
        int p = pos + 2;
        if (p >= src.length || src[p] != '{') {
            throw error("illegal escape", line, escCol);
        }
        p++;
        long value = 0;
        int digits = 0;
        boolean lastUnderscore = true;
        while (p < src.length && src[p] != '}') {
            char c = src[p];
            if (c == '_' && !lastUnderscore) {
                lastUnderscore = true;
            } else if (Character.digit(c, 16) >= 0) {
                value = Math.min(value * 16 + Character.digit(c, 16), 0x7FFF_FFFFL);
                digits++;
                lastUnderscore = false;
            } else {
                throw error("illegal escape", line, escCol);
            }
            p++;
        }
        if (p >= src.length || digits == 0 || lastUnderscore || value >= 0xD800 && value < 0xE000
                || value > 0x10FFFF) {
            throw error("illegal escape", line, escCol);
        }
        pos = p + 1;
    }

    private void add(int kind, int start, int end, int ln, int col) {
        if (count == kinds.length) {
            int cap = count * 2;
            kinds = Arrays.copyOf(kinds, cap);
            starts = Arrays.copyOf(starts, cap);
            ends = Arrays.copyOf(ends, cap);
            lines = Arrays.copyOf(lines, cap);
            cols = Arrays.copyOf(cols, cap);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count] = end;
        lines[count] = ln;
        cols[count] = col;
        count++;
    }

    private static org.ssvm.DecodeException error(String message, int line, int col) {
        return new org.ssvm.DecodeException(message + " at " + line + ":" + col, -1);
    }
}

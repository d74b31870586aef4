package org.ssvm.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.ssvm.DecodeException;

/**
 * A position in a {@link Lexer}'s token list with the small helpers every text parser needs: looking at and
 * consuming tokens, and building errors that name the line, column and offending token.
 */
public class TokenCursor {
    protected final Lexer lx;
    protected int pos;

    public TokenCursor(Lexer lx, int pos) {
        this.lx = lx;
        this.pos = pos;
    }

    /** Index of the next token. */
    public int position() { return pos; }

    public Lexer lexer() { return lx; }

    protected int kind() { return lx.kind(pos); }

    protected boolean atLParen() { return lx.kind(pos) == Lexer.LPAREN; }

    protected boolean atRParen() { return lx.kind(pos) == Lexer.RPAREN; }

    protected boolean atEof() { return lx.kind(pos) == Lexer.EOF; }

    protected boolean atAtom() { return lx.kind(pos) == Lexer.ATOM; }

    protected boolean atId() { return lx.kind(pos) == Lexer.ID; }

    protected boolean atString() { return lx.kind(pos) == Lexer.STRING; }

    protected boolean atKeyword(String kw) { return lx.kind(pos) == Lexer.ATOM && lx.is(pos, kw); }

    /** Whether the next tokens are {@code (} followed by the keyword. */
    protected boolean atParenKeyword(String kw) {
        return lx.kind(pos) == Lexer.LPAREN && lx.kind(pos + 1) == Lexer.ATOM && lx.is(pos + 1, kw);
    }

    /** Whether the next token is an index: an identifier or an unsigned number. */
    protected boolean atVar() {
        if (lx.kind(pos) == Lexer.ID) {
            return true;
        }
        if (lx.kind(pos) != Lexer.ATOM) {
            return false;
        }
        char c = lx.firstChar(pos);
        return c >= '0' && c <= '9';
    }

    protected String text() { return lx.text(pos); }

    protected void expectLParen() {
        if (!atLParen()) {
            throw error("unexpected token");
        }
        pos++;
    }

    protected void expectRParen() {
        if (!atRParen()) {
            throw error("unexpected token");
        }
        pos++;
    }

    protected void expectKeyword(String kw) {
        if (!atKeyword(kw)) {
            throw error("unexpected token");
        }
        pos++;
    }

    /** Consumes {@code ( kw}. */
    protected void expectParenKeyword(String kw) {
        if (!atParenKeyword(kw)) {
            throw error("unexpected token");
        }
        pos += 2;
    }

    /** Consumes an atom and returns its text. */
    protected String atom() {
        if (!atAtom()) {
            throw error("unexpected token");
        }
        return lx.text(pos++);
    }

    /** Consumes an identifier if there is one and returns it (with its {@code $}), else null. */
    protected String optId() {
        return atId() ? idName(pos++) : null;
    }

    /** The identifier's name; the {@code $"..."} form is normalized to {@code $} plus its content. */
    protected String idName(int i) {
        String t = lx.text(i);
        if (t.length() > 1 && t.charAt(1) == '"') {
            return "$" + new String(lx.stringBytes(i), StandardCharsets.UTF_8);
        }
        return t;
    }

    protected byte[] string() {
        if (!atString()) {
            throw error("unexpected token");
        }
        return lx.stringBytes(pos++);
    }

    /** A string that must be valid UTF-8 (names). */
    protected String name() {
        int at = pos;
        byte[] bytes = string();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw errorAt(at, "malformed UTF-8 encoding");
        }
    }

    /** Skips a parenthesized group starting at the current {@code (}. */
    protected void skipGroup() {
        int depth = 0;
        do {
            int k = lx.kind(pos);
            if (k == Lexer.EOF) {
                throw error("unexpected end of input");
            }
            if (k == Lexer.LPAREN) {
                depth++;
            } else if (k == Lexer.RPAREN) {
                depth--;
            }
            pos++;
        } while (depth > 0);
    }

    public DecodeException error(String category) { return errorAt(pos, category); }

    public DecodeException errorAt(int tokenIndex, String category) {
        String tok = lx.kind(tokenIndex) == Lexer.EOF ? "end of input" : lx.text(tokenIndex);
        if (tok.length() > 40) {
            tok = tok.substring(0, 40) + "...";
        }
        return new DecodeException(category + " at " + lx.line(tokenIndex) + ":" + lx.column(tokenIndex)
                + " near '" + tok + "'", -1);
    }

    // ---- numbers, with errors located at the token ----

    protected long u32() {
        int at = pos;
        String t = atom();
        try {
            return Numbers.parseU32(t);
        } catch (NumberFormatException e) {
            throw errorAt(at, e.getMessage().equals(Numbers.RANGE) ? "i32 constant out of range" : e.getMessage());
        }
    }

    /** A numeric literal token; the script-only NaN patterns are tokens of the wrong kind here. */
    private String literal() {
        String t = atom();
        if (t.equals("nan:canonical") || t.equals("nan:arithmetic")) {
            throw errorAt(pos - 1, "unexpected token");
        }
        return t;
    }

    protected long intLiteral(int bits) {
        int at = pos;
        String t = literal();
        try {
            return Numbers.parseInt(t, bits);
        } catch (NumberFormatException e) {
            throw errorAt(at, e.getMessage());
        }
    }

    protected int f32Literal() {
        int at = pos;
        String t = literal();
        try {
            return Numbers.parseF32(t);
        } catch (NumberFormatException e) {
            throw errorAt(at, e.getMessage());
        }
    }

    protected long f64Literal() {
        int at = pos;
        String t = literal();
        try {
            return Numbers.parseF64(t);
        } catch (NumberFormatException e) {
            throw errorAt(at, e.getMessage());
        }
    }
}

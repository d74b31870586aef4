package org.ssvm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ssvm.DecodeException;

class LexerTest {

    @Test
    void tokenKindsTextAndPositions() {
        Lexer lx = Lexer.tokenize("(module $m\n  (func $f (param i32)))");
        int[] kinds = {Lexer.LPAREN, Lexer.ATOM, Lexer.ID, Lexer.LPAREN, Lexer.ATOM, Lexer.ID, Lexer.LPAREN,
                       Lexer.ATOM, Lexer.ATOM, Lexer.RPAREN, Lexer.RPAREN, Lexer.RPAREN, Lexer.EOF};
        assertEquals(kinds.length, lx.count());
        for (int i = 0; i < kinds.length; i++) {
            assertEquals(kinds[i], lx.kind(i), "token " + i);
        }
        assertEquals("$f", lx.text(5));
        assertEquals(2, lx.line(3));
        assertEquals(3, lx.column(3));
        assertEquals(2, lx.line(5));
        assertEquals(9, lx.column(5));
        assertTrue(lx.is(4, "func"));
    }

    @Test
    void commentsAndAnnotationsAreSkipped() {
        Lexer lx = Lexer.tokenize(";; line comment\n(; block (; nested ;) still ;) a (@annot (x \")\") y) b ;;x");
        assertEquals(3, lx.count());
        assertEquals("a", lx.text(0));
        assertEquals("b", lx.text(1));
        assertEquals(2, lx.line(0));
    }

    @Test
    void stringEscapes() {
        Lexer lx = Lexer.tokenize("\"a\\t\\n\\r\\\"\\'\\\\\\00\\ff\\u{41}\\u{1F600}é\"");
        byte[] expected = concat(new byte[] {'a', '\t', '\n', '\r', '"', '\'', '\\', 0, (byte) 0xFF, 'A'},
                "\uD83D\uDE00é".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected, lx.stringBytes(0));
    }

    @Test
    void identifierStringForm() {
        Lexer lx = Lexer.tokenize("$\"a b\" $x");
        assertEquals(Lexer.ID, lx.kind(0));
        assertEquals(Lexer.ID, lx.kind(1));
    }

    @Test
    void lexicalErrorsNameTheirPosition() {
        DecodeException e = assertThrows(DecodeException.class, () -> Lexer.tokenize("(a\n  \"unterminated"));
        assertTrue(e.getMessage().contains("2:3"), e.getMessage());
        assertThrows(DecodeException.class, () -> Lexer.tokenize("(; never closed"));
        assertThrows(DecodeException.class, () -> Lexer.tokenize("\"bad \\q escape\""));
        assertThrows(DecodeException.class, () -> Lexer.tokenize("\"\\u{D800}\""));
        assertThrows(DecodeException.class, () -> Lexer.tokenize("\"a\"\"b\""));
        assertThrows(DecodeException.class, () -> Lexer.tokenize("a,b"));
        assertThrows(DecodeException.class, () -> Lexer.tokenize("$ x"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}

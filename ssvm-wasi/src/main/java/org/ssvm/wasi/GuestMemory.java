package org.ssvm.wasi;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.ssvm.runtime.Memory;

/** Reading WASI arguments out of linear memory: bounds as EFAULT, strings as strict UTF-8, iovec arrays. */
final class GuestMemory {
    private GuestMemory() {}

    /** Checks that {@code [ptr, ptr+len)} lies in memory ({@code ptr}, {@code len} unsigned 32-bit). */
    static void check(Memory mem, int ptr, int len) {
        long start = Integer.toUnsignedLong(ptr);
        if (start + Integer.toUnsignedLong(len) > mem.byteSize()) {
            throw new ErrnoException(Errno.FAULT);
        }
    }

    /** A view of guest bytes, for channels to read into or write from without copying. */
    static ByteBuffer slice(Memory mem, int ptr, int len) {
        check(mem, ptr, len);
        return ByteBuffer.wrap(mem.array(), ptr, len);
    }

    /** Decodes a UTF-8 string; invalid UTF-8 or a NUL byte is EILSEQ (host paths cannot hold either). */
    static String string(Memory mem, int ptr, int len) {
        check(mem, ptr, len);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(mem.array(), ptr, len));
            String s = chars.toString();
            if (s.indexOf('\0') >= 0) {
                throw new ErrnoException(Errno.ILSEQ);
            }
            return s;
        } catch (CharacterCodingException e) {
            throw new ErrnoException(Errno.ILSEQ);
        }
    }

    /** Reads an array of iovec/ciovec records (buf u32, buf_len u32) as views of guest memory. */
    static ByteBuffer[] iovecs(Memory mem, int iovs, int count) {
        if (count < 0 || count > 1024) {
            throw new ErrnoException(Errno.INVAL);
        }
        check(mem, iovs, count * 8);
        ByteBuffer[] out = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            int buf = mem.loadInt(Integer.toUnsignedLong(iovs) + i * 8L);
            int len = mem.loadInt(Integer.toUnsignedLong(iovs) + i * 8L + 4);
            out[i] = slice(mem, buf, len);
        }
        return out;
    }

    static long total(ByteBuffer[] bufs) {
        long n = 0;
        for (ByteBuffer b : bufs) {
            n += b.remaining();
        }
        return n;
    }

    static void storeInt(Memory mem, int ptr, int value) {
        check(mem, ptr, 4);
        mem.storeInt(Integer.toUnsignedLong(ptr), value);
    }

    static void storeLong(Memory mem, int ptr, long value) {
        check(mem, ptr, 8);
        mem.storeLong(Integer.toUnsignedLong(ptr), value);
    }
}

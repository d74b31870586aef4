package org.ssvm.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * Linear memory access over one 64 KiB page, filled with a pattern at setup: read-modify-write of i32 and of
 * i64 words (a load and a store per iteration), and byte loads (signed and unsigned, one with an offset).
 */
public class MemoryBench extends GuestBench {
    static final String WAT = """
            (module
              (memory 1)
              (func (export "init") (param $seed i32)
                (local $p i32)
                (loop $next
                  (i32.store (local.get $p)
                    (i32.mul (i32.add (local.get $p) (local.get $seed)) (i32.const -1640531535)))
                  (br_if $next (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 4))) (i32.const 65536)))))
              (func (export "i32") (param $n i32) (result i32)
                (local $i i32) (local $p i32) (local $v i32) (local $sum i32)
                (loop $next
                  (local.set $p (i32.and (i32.shl (local.get $i) (i32.const 2)) (i32.const 0xfffc)))
                  (local.set $v (i32.load (local.get $p)))
                  (i32.store (local.get $p) (i32.add (local.get $v) (local.get $i)))
                  (local.set $sum (i32.add (local.get $sum) (local.get $v)))
                  (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $sum))
              (func (export "i64") (param $n i32) (result i64)
                (local $i i32) (local $p i32) (local $v i64) (local $sum i64)
                (loop $next
                  (local.set $p (i32.and (i32.shl (local.get $i) (i32.const 3)) (i32.const 0xfff8)))
                  (local.set $v (i64.load (local.get $p)))
                  (i64.store (local.get $p) (i64.add (local.get $v) (i64.extend_i32_u (local.get $i))))
                  (local.set $sum (i64.add (local.get $sum) (local.get $v)))
                  (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $sum))
              (func (export "bytes") (param $n i32) (result i32)
                (local $i i32) (local $sum i32)
                (loop $next
                  (local.set $sum (i32.add (local.get $sum)
                    (i32.add (i32.load8_u (i32.and (local.get $i) (i32.const 0xffff)))
                             (i32.load8_s offset=1 (i32.and (i32.mul (local.get $i) (i32.const 7)) (i32.const 0xfffe))))))
                  (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $sum)))
            """;

    static final int SEED = 12345;

    private Export i32;
    private Export i64;
    private Export bytes;

    @Override
    String wat() { return WAT; }

    @Override
    void bind(Guest guest) {
        guest.export("init").run(SEED);
        i32 = guest.export("i32");
        i64 = guest.export("i64");
        bytes = guest.export("bytes");
    }

    @Benchmark
    public int i32LoadStore() { return i32.i32(N); }

    @Benchmark
    public long i64LoadStore() { return i64.i64(N); }

    @Benchmark
    public int byteLoads() { return bytes.i32(N); }
}

package org.ssvm.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;

/** Instruction dispatch: a tight loop of mixed i32 arithmetic on locals, no memory and no calls. */
public class DispatchBench extends GuestBench {
    static final String WAT = """
            (module
              (func (export "run") (param $n i32) (result i32)
                (local $i i32) (local $a i32) (local $b i32) (local $c i32)
                (local.set $a (i32.const 1))
                (local.set $b (i32.const 2))
                (loop $next
                  (local.set $a (i32.add (i32.mul (local.get $a) (i32.const 31)) (local.get $i)))
                  (local.set $b (i32.rotl (i32.xor (local.get $b) (local.get $a)) (i32.const 5)))
                  (local.set $c (i32.sub (i32.add (local.get $c) (i32.shr_u (local.get $a) (i32.const 3)))
                                         (i32.and (local.get $b) (i32.const 255))))
                  (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (i32.xor (local.get $a) (i32.add (local.get $b) (local.get $c)))))
            """;

    private Export run;

    @Override
    String wat() { return WAT; }

    @Override
    void bind(Guest guest) { run = guest.export("run"); }

    @Benchmark
    public int i32Arithmetic() { return run.i32(N); }
}

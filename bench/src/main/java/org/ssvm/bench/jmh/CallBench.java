package org.ssvm.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.ssvm.Linker;
import org.ssvm.model.FuncType;
import org.ssvm.model.ValType;
import org.ssvm.runtime.HostFunction;

/**
 * Calls, one per iteration: a direct call to a small function, call_indirect through a table (alternating
 * between two functions of the same type), and a call from Wasm to a host function in the raw convention.
 */
public class CallBench extends GuestBench {
    static final String WAT = """
            (module
              (type $unary (func (param i32) (result i32)))
              (import "env" "host" (func $host (type $unary)))
              (table 2 funcref)
              (elem (i32.const 0) $triple $flip)
              (func $triple (type $unary)
                (i32.add (i32.mul (local.get 0) (i32.const 3)) (i32.const 1)))
              (func $flip (type $unary)
                (i32.xor (local.get 0) (i32.const 0x5555)))
              (func (export "direct") (param $n i32) (result i32)
                (local $i i32) (local $acc i32)
                (loop $next
                  (local.set $acc (call $triple (i32.add (local.get $acc) (local.get $i))))
                  (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $acc))
              (func (export "indirect") (param $n i32) (result i32)
                (local $i i32) (local $acc i32)
                (loop $next
                  (local.set $acc (call_indirect (type $unary)
                    (i32.add (local.get $acc) (local.get $i))
                    (i32.and (local.get $i) (i32.const 1))))
                  (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $acc))
              (func (export "host") (param $n i32) (result i32)
                (local $i i32) (local $acc i32)
                (loop $next
                  (local.set $acc (call $host (i32.add (local.get $acc) (local.get $i))))
                  (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $acc)))
            """;

    /** The host function env.host: x + 7, in the raw slot convention (the cheapest host call). */
    static void defineHost(Linker linker) {
        linker.function("env", "host", FuncType.of(new ValType[] {ValType.I32}, ValType.I32),
                (HostFunction.Body) (caller, slots, refs, base) -> slots[base] = (int) slots[base] + 7);
    }

    private Export direct;
    private Export indirect;
    private Export host;

    @Override
    String wat() { return WAT; }

    @Override
    void imports(Linker linker) { defineHost(linker); }

    @Override
    void bind(Guest guest) {
        direct = guest.export("direct");
        indirect = guest.export("indirect");
        host = guest.export("host");
    }

    @Benchmark
    public int direct() { return direct.i32(N); }

    @Benchmark
    public int indirect() { return indirect.i32(N); }

    @Benchmark
    public int host() { return host.i32(N); }
}

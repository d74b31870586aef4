package org.ssvm.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;

/** f64 arithmetic: conversion, add, sub, mul, div, sqrt and abs on locals, kept in normal range (no NaN). */
public class FloatBench extends GuestBench {
    static final String WAT = """
            (module
              (func (export "run") (param $n i32) (result f64)
                (local $i i32) (local $d f64) (local $sum f64) (local $x f64) (local $y f64)
                (local.set $x (f64.const 1))
                (loop $next
                  (local.set $d (f64.convert_i32_s (local.get $i)))
                  (local.set $sum (f64.add (local.get $sum)
                    (f64.div (f64.const 1) (f64.add (f64.mul (local.get $d) (local.get $d)) (f64.const 1)))))
                  (local.set $x (f64.add (f64.mul (local.get $x) (f64.const 0.9999))
                                         (f64.mul (f64.sqrt (local.get $d)) (f64.const 0.0001))))
                  (local.set $y (f64.add (f64.mul (f64.abs (f64.sub (local.get $x) (local.get $y))) (f64.const 0.5))
                                         (f64.const 0.25)))
                  (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (f64.add (local.get $sum) (f64.add (local.get $x) (local.get $y)))))
            """;

    private Export run;

    @Override
    String wat() { return WAT; }

    @Override
    void bind(Guest guest) { run = guest.export("run"); }

    @Benchmark
    public double f64Arithmetic() { return run.f64(N); }
}

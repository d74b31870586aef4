package org.ssvm.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * A switch loop: each iteration picks one of eight cases with br_table, from bits of a pseudo-random state, so
 * the target changes unpredictably.
 */
public class BrTableBench extends GuestBench {
    static final String WAT = """
            (module
              (func (export "run") (param $n i32) (result i32)
                (local $i i32) (local $s i32) (local $acc i32)
                loop $next
                  block $end
                    block $c7
                    block $c6
                    block $c5
                    block $c4
                    block $c3
                    block $c2
                    block $c1
                    block $c0
                      local.get $s
                      i32.const 16
                      i32.shr_u
                      i32.const 7
                      i32.and
                      br_table $c0 $c1 $c2 $c3 $c4 $c5 $c6 $c7 $c7
                    end
                    local.get $acc
                    i32.const 1
                    i32.add
                    local.set $acc
                    br $end
                    end
                    local.get $acc
                    i32.const 3
                    i32.mul
                    local.set $acc
                    br $end
                    end
                    local.get $acc
                    local.get $s
                    i32.xor
                    local.set $acc
                    br $end
                    end
                    local.get $acc
                    i32.const 7
                    i32.rotl
                    local.set $acc
                    br $end
                    end
                    local.get $acc
                    local.get $i
                    i32.sub
                    local.set $acc
                    br $end
                    end
                    local.get $acc
                    local.get $s
                    i32.const 3
                    i32.shr_u
                    i32.add
                    local.set $acc
                    br $end
                    end
                    local.get $acc
                    i32.const -1
                    i32.xor
                    local.set $acc
                    br $end
                    end
                    local.get $acc
                    local.get $i
                    i32.const 1
                    i32.shl
                    i32.add
                    local.set $acc
                  end
                  local.get $s
                  i32.const 1103515245
                  i32.mul
                  i32.const 12345
                  i32.add
                  local.set $s
                  local.get $i
                  i32.const 1
                  i32.add
                  local.tee $i
                  local.get $n
                  i32.lt_u
                  br_if $next
                end
                local.get $acc))
            """;

    private Export run;

    @Override
    String wat() { return WAT; }

    @Override
    void bind(Guest guest) { run = guest.export("run"); }

    @Benchmark
    public int switchLoop() { return run.i32(N); }
}

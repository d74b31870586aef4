;; The program the launcher runs once per build to make the JDK AOT cache (see StartupTraining): shaped like a
;; small C program built for WASI, so the classes a real program's start needs are the ones in the cache.
(module
  (type $binop (func (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fd_fdstat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 2)
  (global $sp (mut i32) (i32.const 65536))
  (table 3 funcref)
  (elem (i32.const 0) $add $mul $xor)
  (data (i32.const 1024) "training run of the startup cache\n")

  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func $mul (type $binop) (i32.mul (local.get 0) (local.get 1)))
  (func $xor (type $binop) (i32.xor (local.get 0) (local.get 1)))

  ;; folds 1..n through the table, and a little f64 and i64 arithmetic, so loops, calls and memory run
  (func $work (param $n i32) (result i32)
    (local $i i32) (local $acc i32) (local $x f64) (local $h i64)
    (global.set $sp (i32.sub (global.get $sp) (i32.const 16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc
          (call_indirect (type $binop) (local.get $acc) (local.get $i) (i32.rem_u (local.get $i) (i32.const 3))))
        (local.set $x (f64.add (local.get $x) (f64.sqrt (f64.convert_i32_u (local.get $i)))))
        (local.set $h (i64.rotl (i64.xor (local.get $h) (i64.extend_i32_u (local.get $acc))) (i64.const 5)))
        (i64.store (global.get $sp) (local.get $h))
        (f64.store offset=8 (global.get $sp) (local.get $x))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (global.set $sp (i32.add (global.get $sp) (i32.const 16)))
    (i32.add (local.get $acc) (i32.wrap_i64 (local.get $h))))

  (func (export "_start")
    (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (drop (call $environ_sizes_get (i32.const 0) (i32.const 4)))
    (drop (call $clock_time_get (i32.const 1) (i64.const 1000) (i32.const 8)))
    (drop (call $fd_fdstat_get (i32.const 1) (i32.const 16))) ;; C's stdio asks before its first write
    (memory.copy (i32.const 2048) (i32.const 1024) (i32.const 34))
    (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))
    (drop (call $work (i32.const 1000)))
    ;; one iovec at address 0: the text copied to 2048, 34 bytes
    (i32.store (i32.const 0) (i32.const 2048))
    (i32.store (i32.const 4) (i32.const 34))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $proc_exit (i32.const 0))))

;; The module of README.md's embedding example: it imports a host function and exports memory and "greet".
(module
  (import "host" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "Hello, ")
  ;; greet(len): the host has written a name of `len` bytes at offset 7; log "Hello, <name>" and return its length
  (func (export "greet") (param $len i32) (result i32)
    (call $log (i32.const 0) (i32.add (i32.const 7) (local.get $len)))
    (i32.add (i32.const 7) (local.get $len))))

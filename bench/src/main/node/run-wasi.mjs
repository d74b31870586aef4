// Runs one WASI command module on Node as a whole process: node --no-warnings run-wasi.mjs FILE.wasm [ARGS...]
// The module path is the program's argv[0], as the other runners of ./ssvm-bench do it.
import { readFile } from 'node:fs/promises';
import { argv, env, exit } from 'node:process';
import { WASI } from 'node:wasi';

const [file, ...args] = argv.slice(2);
if (!file) {
  console.error('usage: node --no-warnings run-wasi.mjs FILE.wasm [ARGS...]');
  exit(2);
}
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env, preopens: { '.': '.' }, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
exit(wasi.start(instance));

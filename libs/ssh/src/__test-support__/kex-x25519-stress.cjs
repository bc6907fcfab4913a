// Runs ssh2's curve25519 key exchange (as installed, with patches/) many times in a row under
// GC pressure and checks that both ends derive the same secret. Prints `ok <n>` when done.
// Used by kex-x25519.int.test.ts in a child process: a hang (see the test) shows as a timeout.
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const file = require.resolve('ssh2/lib/protocol/kex.js');
const source = `${fs.readFileSync(file, 'utf8')}\nmodule.exports.createKeyExchange = createKeyExchange;\n`;
const kex = new Module(file, module);
kex.filename = file;
kex.paths = Module._nodeModulePaths(path.dirname(file));
kex._compile(source, file);
const { createKeyExchange } = kex.exports;

const exchanges = Number(process.argv[2] ?? 1000);
const protocol = {};
let garbage = [];
for (let i = 0; i < exchanges; i++) {
  const client = createKeyExchange({ kex: 'curve25519-sha256' }, protocol, null);
  const server = createKeyExchange({ kex: 'curve25519-sha256' }, protocol, null);
  const a = client.computeSecret(server.getPublicKey());
  const b = server.computeSecret(client.getPublicKey());
  if (!(a instanceof Buffer) || !a.equals(b)) throw new Error(`exchange ${i}: the secrets differ`);
  garbage.push(`${'x'.repeat(64)}${i}`);
  if (garbage.length > 1000) garbage = [];
}
process.stdout.write(`ok ${exchanges}\n`);

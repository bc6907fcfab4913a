#!/usr/bin/env node
// The `fleetpush` command (a bin of the root package). It runs the built CLI; before
// `npm run build` there is nothing to run, and it says so.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const entry = path.join(__dirname, '..', 'dist', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('fleetpush is not built yet: run `npm run build` in the repository first\n');
  process.exit(2);
}
require(entry);

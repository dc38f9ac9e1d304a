#!/usr/bin/env node
// The `oncall` command. The TypeScript sources are bundled into dist/ by `npm run build`
// (run automatically by `npm ci` through the `prepare` script).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('oncall: not built yet — run `npm run build` in ' + path.dirname(__dirname) + '\n');
  process.exit(1);
}
require(bundle).runFromBin();

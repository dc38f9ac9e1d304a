#!/usr/bin/env node
// The `oncall` command. The TypeScript sources are bundled into dist/ by `npm run build`
// (run automatically by `npm ci` through the `prepare` script).
//
// The bundle is about 6 MB, and compiling it was two fifths of every command's start-up time
// (≈160 ms of ≈400 ms for `oncall --help`). V8's code cache keeps the compiled code beside the
// bundle (`dist/cli.cjs.<size>-<mtime>.v8cache`), so later commands skip most of that. The cache
// is keyed by the bundle's size and modification time because V8's own check looks at the
// source's length only; a cache that cannot be read or written is simply not used.
const path = require('node:path');
const fs = require('node:fs');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
let source;
let stat;
try {
  stat = fs.statSync(bundle);
  source = fs.readFileSync(bundle, 'utf8');
} catch {
  process.stderr.write('oncall: not built yet — run `npm run build` in ' + path.dirname(__dirname) + '\n');
  process.exit(1);
}

const cacheFile = `${bundle}.${stat.size}-${Math.trunc(stat.mtimeMs)}.v8cache`;
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), {
  filename: bundle,
  cachedData,
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
if (!cachedData || script.cachedDataRejected) {
  process.once('exit', () => {
    try {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, cacheFile); // atomic: commands running at once never read half a cache
      for (const name of fs.readdirSync(path.dirname(bundle))) {
        const file = path.join(path.dirname(bundle), name);
        if (name.startsWith('cli.cjs.') && name.endsWith('.v8cache') && file !== cacheFile)
          fs.rmSync(file, { force: true });
      }
    } catch {
      // A read-only install: start-up is slower, nothing else changes.
    }
  });
}
const bundleModule = new Module(bundle, module);
bundleModule.filename = bundle;
bundleModule.paths = Module._nodeModulePaths(path.dirname(bundle));
script
  .runInThisContext()
  .call(
    bundleModule.exports,
    bundleModule.exports,
    Module.createRequire(bundle),
    bundleModule,
    bundle,
    path.dirname(bundle),
  );
bundleModule.loaded = true;
bundleModule.exports.runFromBin();

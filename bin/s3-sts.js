#!/usr/bin/env node
// The CLI itself is TypeScript compiled to dist/ (`npm run build`, run by `prepare`).
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist')) throw err;
  process.stderr.write('error: s3-sts is not built; run `npm run build` first\n');
  process.exit(1);
}
await cli.runFromProcess();

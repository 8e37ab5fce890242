#!/usr/bin/env node
// The installed command runs the bundle in dist/ and nothing else (docs/build.md): `npm run build` makes it, and
// `prepare` runs that build in a git checkout (`npm ci`, `npm install`) and before `npm pack`/`npm publish`.
// Running the TypeScript sources is a development script: `npm run dev -- <args>`.
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  process.stderr.write('favcrm-chat: dist/cli.js is missing. In a git checkout, run `npm run build` (npm ci runs it); to run the sources, `npm run dev`.\n');
  process.exitCode = 1;
}

#!/usr/bin/env node
/**
 * The `housing-complaints` command (package.json `bin`): see {@link run} and docs/cli.md.
 *
 * Built, the replay workers run this same file (src/reporting/replayLog.ts starts its workers on
 * the file its code is in): on a worker thread, this entry point only loads that module, which
 * then serves the reading thread. The commands are loaded lazily, so it would not be otherwise.
 */
import { isMainThread } from 'node:worker_threads';
import { Output } from './io.js';
import { run } from './run.js';

if (isMainThread) {
  const stdout = new Output(process.stdout);
  const stderr = new Output(process.stderr);
  run(process.argv.slice(2), { stdout, stderr, stdin: process.stdin }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`housing-complaints: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 70;
    },
  );
} else {
  void import('../reporting/replayLog.js');
}

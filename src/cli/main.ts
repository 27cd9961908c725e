#!/usr/bin/env node
import { CommanderError } from 'commander';
import { EXIT } from './exit-code.js';
import { buildProgram } from './program.js';

const program = buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander has already printed its message; usage errors share exit code 2 with config errors.
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.error;
  } else {
    throw error;
  }
}

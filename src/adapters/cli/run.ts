import { CommanderError } from 'commander';
import { buildProgram } from './main';

/** Entry point of the `boardroom` bin: one clear line on failure, exit code 1. */
buildProgram({
  out: (line) => process.stdout.write(`${line}\n`),
  env: process.env,
  note: (line) => process.stderr.write(`boardroom: ${line}\n`),
  ...(process.stderr.isTTY && { progress: process.stderr }),
})
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    process.stderr.write(`boardroom: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });

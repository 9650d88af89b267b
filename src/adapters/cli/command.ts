/**
 * The shape of a command of `npm run cli -- <command> ...` (see src/cli.ts): it reads its arguments
 * and streams, writes its output, and resolves to the process exit code. Streams are passed in so a
 * test can drive a command without a process.
 */
export interface CliIO {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export type CliCommand = (args: readonly string[], io: CliIO) => Promise<number>;

/**
 * The command's output streams, watched so that nothing printed is lost and no write
 * failure passes unnoticed.
 *
 * Node writes to a pipe asynchronously: what the reader has not taken yet waits in Node's
 * buffer, and `process.exit` throws it away (a `sprig query … | head` reader saw the first
 * 128 KiB and an exit code of 0). So the command never exits on its own: `finish` waits
 * until everything written has been handed to the operating system, and only then names the
 * exit code. A reader that closes early (`| head -c 1000`) is a quiet stop (EPIPE: the
 * command keeps its own exit code and says nothing); any other write failure (a full disk,
 * a closed terminal) is an error exit.
 */
export interface WatchedOutput {
  /** Resolves once everything written to stdout and stderr has been flushed; answers the exit code to use. */
  finish(code: number): Promise<number>;
}

/** Exit code for output that could not be written (not for a reader that stopped reading). */
export const OUTPUT_FAILED = 1;

export function watchOutput(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): WatchedOutput {
  const failures = new Map<NodeJS.WriteStream, NodeJS.ErrnoException>();
  for (const stream of streams) {
    // Without a listener a write error (EPIPE) would be thrown as an uncaught exception.
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (!failures.has(stream)) failures.set(stream, error);
    });
  }
  return {
    async finish(code: number): Promise<number> {
      await Promise.all(streams.map((stream) => flushed(stream).then((error) => error && !failures.has(stream) && failures.set(stream, error))));
      let exit = code;
      for (const [stream, error] of failures) {
        if (error.code === 'EPIPE') continue;
        exit = OUTPUT_FAILED;
        // Said on the other stream, if it still works; never a stack.
        const other = streams.find((s) => s !== stream && !failures.has(s));
        other?.write(`sprig: output could not be written (${error.code ?? error.message})\n`);
        if (other) await flushed(other);
      }
      return exit;
    },
  };
}

/** Resolves once every earlier write to `stream` has left Node (a write's callback runs in order), with the error if one failed. */
function flushed(stream: NodeJS.WriteStream): Promise<NodeJS.ErrnoException | null> {
  if (stream.destroyed || stream.writableEnded) return Promise.resolve((stream.errored as NodeJS.ErrnoException | null) ?? null);
  return new Promise((resolve) => {
    stream.write('', (error) => resolve((error as NodeJS.ErrnoException | null | undefined) ?? null));
  });
}

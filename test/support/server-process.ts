import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const BUILT = join(__dirname, '../../dist/apps/server/src');

/**
 * Hotseat as users run it: the built server (or one of its command-line tools, e.g. `cli/user-create.js`)
 * in its own process. `npm test` builds it first.
 */
export class ServerProcess {
  private text = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Only `variables` and PATH reach the process: nothing leaks in from the test's environment. */
  static start(
    variables: Record<string, string | undefined>,
    script = 'main.js',
    args: string[] = [],
  ): ServerProcess {
    const child = spawn(process.execPath, [join(BUILT, script), ...args], {
      env: { PATH: process.env.PATH, LOG_FORMAT: 'json', ...variables },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServerProcess(child);
  }

  get output(): string {
    return this.text;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves once the output contains `text`; fails if the process exits first or time runs out. */
  async waitFor(text: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.text.includes(text)) {
      if (this.child.exitCode !== null) throw new Error(`exited before "${text}":\n${this.text}`);
      if (Date.now() > deadline)
        throw new Error(`no "${text}" within ${timeoutMs} ms:\n${this.text}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM') {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AzureFailure } from '../../../bot/core/azure/port.ts';

const DRIVER = fileURLToPath(new URL('./driver.ts', import.meta.url));

export interface EdgeAnswer<T> {
  readonly ms: number;
  readonly ok?: T;
  readonly failure?: AzureFailure;
  /** Anything but an AzureError that got out: always a bug. */
  readonly escaped?: string;
}

/** The driver process, and a typed way to call it. */
export interface Edge {
  call<T = unknown>(op: string, ...args: unknown[]): Promise<EdgeAnswer<T>>;
  /** Everything the edge logged (stderr), for asserting what never reaches a log. */
  readonly stderr: string[];
  stop(): Promise<void>;
}

export function startEdge(env: Record<string, string>): Edge {
  // Only PATH and HOME from the parent: a developer's own AZURE_* must not leak in.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', DRIVER], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DOTENV_CONFIG_QUIET: 'true', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const waiting = new Map<number, (answer: EdgeAnswer<unknown>) => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const answer = JSON.parse(line) as EdgeAnswer<unknown> & { id: number };
    waiting.get(answer.id)?.(answer);
    waiting.delete(answer.id);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let next = 0;
  return {
    stderr,
    call<T>(op: string, ...args: unknown[]) {
      const id = ++next;
      return new Promise<EdgeAnswer<T>>((resolve, reject) => {
        waiting.set(id, resolve as (a: EdgeAnswer<unknown>) => void);
        void exited.then(() => reject(new Error(`driver exited: ${stderr.join('')}`)));
        child.stdin!.write(`${JSON.stringify({ id, op, args })}\n`);
      });
    },
    async stop() {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

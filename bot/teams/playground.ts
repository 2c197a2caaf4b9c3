import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Logger } from '../ops/logger.ts';

/**
 * Starts the Microsoft 365 Agents Playground (a Teams-like client that runs offline) beside
 * the bot in local mode, connected to its /api/messages. A child process, stopped with the
 * bot: nobody wants an orphan holding port 56150 after Ctrl+C.
 */

export interface Playground {
  /** Where to open the playground in a browser. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface PlaygroundOptions {
  /** The bot's endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  readonly botEndpoint: string;
  /** Preferred port; the playground picks another when it is taken, and says which. */
  readonly port?: number;
  readonly logger: Logger;
  readonly startTimeoutMs?: number;
}

/** The Playground is a development dependency: an install with --omit=dev (the image) has none. */
export class PlaygroundMissingError extends Error {
  override readonly name = 'PlaygroundMissingError';
  constructor() {
    super(
      'The Microsoft 365 Agents Playground is not installed (it is a development dependency, left out by npm ci --omit=dev). ' +
        'Run npm ci without --omit=dev to get it, or set PLAYGROUND=off; the bot still serves Teams locally.',
    );
  }
}

function cliPath(): string {
  try {
    return createRequire(import.meta.url).resolve('@microsoft/teams-app-test-tool/cli.js');
  } catch {
    throw new PlaygroundMissingError();
  }
}

function stopper(child: ChildProcess): () => Promise<void> {
  const onExit = (): void => void child.kill('SIGTERM');
  process.once('exit', onExit);
  return () =>
    new Promise((resolve) => {
      process.off('exit', onExit);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

export function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const args = [cliPath(), 'start', '-e', options.botEndpoint, '-c', 'msteams', '--disable-telemetry', '-p', String(options.port ?? 56150)];
  // BROWSER=none: the playground would otherwise try to open a browser itself.
  const child = spawn(process.execPath, args, {
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = stopper(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`The Agents Playground did not start within ${String(options.startTimeoutMs ?? 60_000)} ms. Output: ${output.slice(-500)}`));
    }, options.startTimeoutMs ?? 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const port = /Listening on (\d+)/.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      child.stderr?.resume();
      resolve({ url: `http://localhost:${port}`, stop });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      options.logger.warn({ code }, 'agents playground exited');
      reject(new Error(`The Agents Playground exited (code ${String(code)}) before it was ready. Output: ${output.slice(-500)}`));
    });
  });
}

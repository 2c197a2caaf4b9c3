import { pino, type DestinationStream } from 'pino';
import { redactDeep, scrubLine } from './redact.ts';
import { currentRequestId } from './request-context.ts';

type LogFn = {
  (obj: object, msg?: string): void;
  (msg: string): void;
};

/**
 * What the rest of the code takes as a dependency. A pino logger satisfies it; so does any
 * fake a test wants to pass.
 */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface LoggerOptions {
  level?: LogLevel;
  /**
   * Secret values to blank wherever they appear (signing secret, app password, tokens):
   * a secret pasted into an error message is caught even when no key names it.
   */
  secrets?: readonly (string | undefined)[];
  /** Where JSON lines go; stdout by default. */
  destination?: DestinationStream;
  /** Fields on every line, e.g. { service: 'sqlbackup-bot', replica: 'a' }. */
  base?: Record<string, unknown>;
  /**
   * Called for every error-level line with where it came from (the child logger's
   * `component` or `listener` binding): how the error counter in /metrics sees every
   * failure that is logged, without each call site also counting it.
   */
  onError?: (where: string) => void;
}

/**
 * JSON logs with secrets removed twice: by key before serialisation (authorization,
 * token, secret, password...) and by value on the finished line (xoxb-/xapp- tokens,
 * bearer credentials, the configured secret values), because secrets hide in error
 * messages and stacks where no key names them.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 6);
  // Synchronous: the last lines before a crash are the ones that matter.
  const out = options.destination ?? pino.destination({ fd: 1, sync: true });
  const scrubbed: DestinationStream = { write: (line: string) => out.write(scrubLine(line, secrets)) };
  return pino(
    {
      level: options.level ?? 'info',
      base: options.base ?? { service: 'sqlbackup-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Every line written while serving a request carries its id (see request-context.ts).
      mixin: () => {
        const reqId = currentRequestId();
        return reqId === undefined ? {} : { reqId };
      },
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => redactDeep(obj) as Record<string, unknown>,
      },
      ...(options.onError ? { hooks: { logMethod: errorHook(options.onError) } } : {}),
    },
    scrubbed,
  );
}

function errorHook(onError: (where: string) => void) {
  return function (this: pino.Logger, args: Parameters<pino.LogFn>, method: pino.LogFn, level: number): void {
    if (level >= 50) {
      const b = this.bindings() as { component?: unknown; listener?: unknown };
      const where = typeof b.component === 'string' ? b.component : typeof b.listener === 'string' ? b.listener : 'bot';
      try {
        onError(where);
      } catch {
        // Counting must never stop the line from being written.
      }
    }
    method.apply(this, args);
  };
}

/** Logs nothing: for tools whose stdout is data, and tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

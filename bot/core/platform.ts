import type { Express } from 'express';
import type { Logger } from '../ops/logger.ts';
import type { CoreDeps } from './deps.ts';
import type { Place, Platform, Reply } from './types.ts';

/**
 * The one boundary every chat platform implements. The core decides what to say; a platform
 * only delivers it, whether someone asked (an answer in a thread) or nobody did (an alert).
 * A third platform is one more implementation of this and one more line in bot/main.ts.
 */
export interface ChatPlatform {
  readonly platform: Platform;
  /** How it runs, for the start-up line: 'http', 'socket', 'bot-framework', 'local'. */
  readonly mode: string;
  /**
   * Posts into `place` with nobody asking: a new top-level message when `place.thread` is
   * null (its id then roots a thread), else a reply in that thread. Resolves with the id of
   * the first message posted. Throws when the platform refuses; callers retry.
   */
  post(place: Place, reply: Reply): Promise<string>;
  /**
   * Where replies to a message it posted live, as its adapter reports them for the messages
   * people write there: the thread whose context follow-ups are answered in.
   */
  replyPlace(place: Place, messageId: string): Place;
  /** Redraws a message this platform posted (its id from `post`). */
  update(place: Place, messageId: string, reply: Reply): Promise<void>;
  /** The members of a user group (Slack's S… ids), for AZURE_ACTIONS_ALLOWED; absent where groups mean nothing. */
  membersOf?(place: Place, group: string): Promise<readonly string[]>;
  /** Called once the shared HTTP server listens (Socket Mode connects, the Playground starts). */
  start(port: number): Promise<void>;
  stop(): Promise<void>;
}

/** What a platform is built with besides its own settings: one HTTP app and port for all. */
export interface PlatformContext {
  readonly http: Express;
  readonly core: CoreDeps;
  readonly logger: Logger;
  readonly bodyLimitBytes?: number;
  /** Lets a shutdown wait for work a platform does after it has acknowledged a request. */
  readonly track: <T>(work: Promise<T>) => Promise<T>;
}

/** "Start from config": each platform module exports one of these, bound to its settings. */
export type PlatformFactory = (context: PlatformContext) => ChatPlatform;

/** The started platforms by name, for code that posts with nobody asking (alerts). */
export type Platforms = ReadonlyMap<Platform, ChatPlatform>;

import type { FacetTopic } from '../catalog/index.ts';

/**
 * `channel`: an unprompted message in a channel; answer only when confident, because a
 * noisy bot gets removed. `direct`: slash command, mention, DM or thread; always return the
 * best candidates so the bot can ask "did you mean".
 */
export type Mode = 'channel' | 'direct';

/** How a match was found, strongest first. */
export type MatchVia = 'code' | 'numeric-code' | 'message' | 'sql-error' | 'text';

export interface Match {
  /** Catalog entry id. */
  readonly id: string;
  /** 0..1; 1 for an exact code found in the text. */
  readonly score: number;
  readonly via: MatchVia;
}

export interface Classification {
  /** Would the bot answer with an entry in this mode. */
  readonly trigger: boolean;
  /** Best first, at most 5. */
  readonly matches: readonly Match[];
  /**
   * Entries named literally in the text (code, numeric code, Azure message or SQL error),
   * in order of first appearance: a paste with several codes answers each of these.
   */
  readonly found: readonly string[];
  /** Strings shaped like Azure Backup codes that the catalog does not know. */
  readonly unknownCodes: readonly string[];
  /** Codes of another product that shares the backup extension (SAP HANA): never a SQL entry. */
  readonly foreign: { readonly product: 'sap-hana'; readonly codes: readonly string[] } | null;
  /**
   * The input was longer than the classifier reads in full (FULL_READ_CHARS): its middle was
   * only searched for codes, and anything between MAX_CLASSIFY_CHARS - TAIL_CHARS and the
   * tail not at all.
   */
  readonly truncated: boolean;
  /** A misspelt code the top match was read from ("UserErrorSQLLSNValidationFaliure" → the real code). */
  readonly corrected: readonly { readonly from: string; readonly to: string }[];
}

/** What a follow-up asks about: a facet topic, or why / fix / link / "what else". */
export type Topic = FacetTopic | 'why' | 'fix' | 'link' | 'more';
/** The language a scripting question asks for: `bash` is the Azure CLI. */
export type ScriptLang = 'sql' | 'powershell' | 'bash' | 'cmd';

export type FollowUp =
  /** A question about the thread's error; `terms` are its content stems, for choosing what to quote. */
  | { readonly kind: 'ask'; readonly topic: Topic; readonly lang?: ScriptLang; readonly terms: readonly string[] }
  /** "That's not it"; `clues` is what followed it ("recovery model is FULL and it isn't master"). */
  | { readonly kind: 'not-it'; readonly clues: string }
  | { readonly kind: 'thanks' }
  /** A question about something else entirely ("how do I reset my VPN password?"). */
  | { readonly kind: 'off-topic' }
  | { readonly kind: 'unknown'; readonly asks: boolean };

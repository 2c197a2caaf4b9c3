/**
 * `npm run package:teams`: builds the Teams app package (the zip a Teams admin uploads) from
 * manifest/teams/, with the ids filled from the environment:
 *   MicrosoftAppId   the bot's app id (botId); also the Teams app id unless TEAMS_APP_ID is set
 *   TEAMS_APP_ID     optional separate Teams app id
 *   BOT_DOMAIN       optional public host name of the bot, added to validDomains
 * Writes dist/sqlbackup-teams.zip (or the path given as the first argument) and prints it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

export const MANIFEST_DIR = fileURLToPath(new URL('../manifest/teams/', import.meta.url));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

type Env = Readonly<Record<string, string | undefined>>;

export class PackageError extends Error {
  override readonly name = 'PackageError';
}

interface Manifest {
  id: string;
  bots: { botId: string }[];
  /** The message extension ("Explain this error") runs on the same bot. */
  composeExtensions?: { botId: string }[];
  validDomains?: string[];
  [key: string]: unknown;
}

/** The manifest with this deployment's ids; throws PackageError saying which setting is wrong. */
export function fillManifest(template: Manifest, env: Env): Manifest {
  const botId = env['MicrosoftAppId']?.trim() || env['TEAMS_APP_ID']?.trim();
  if (!botId) throw new PackageError('Set MicrosoftAppId (the Azure Bot\'s app id) to build the Teams package.');
  const appId = env['TEAMS_APP_ID']?.trim() || botId;
  for (const [name, value] of [['MicrosoftAppId', botId], ['TEAMS_APP_ID', appId]] as const) {
    if (!GUID.test(value)) throw new PackageError(`${name} must be a GUID like 00000000-0000-0000-0000-000000000000; got "${value}".`);
  }
  const domain = env['BOT_DOMAIN']?.trim().toLowerCase();
  if (domain && !HOST.test(domain)) throw new PackageError(`BOT_DOMAIN must be a host name like bot.contoso.com (no scheme or path); got "${domain}".`);
  const domains = [...new Set([...(template.validDomains ?? []), ...(domain ? [domain] : [])])];
  const composeExtensions = template.composeExtensions?.map((extension) => ({ ...extension, botId }));
  return { ...template, id: appId, bots: template.bots.map((bot) => ({ ...bot, botId })), ...(composeExtensions ? { composeExtensions } : {}), validDomains: domains };
}

export async function buildTeamsPackage(env: Env, dir: string = MANIFEST_DIR): Promise<Buffer> {
  const template = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as Manifest;
  const zip = new JSZip();
  // Teams wants the three files at the root of the zip, not in a folder.
  zip.file('manifest.json', `${JSON.stringify(fillManifest(template, env), null, 2)}\n`);
  zip.file('color.png', readFileSync(resolve(dir, 'color.png')));
  zip.file('outline.png', readFileSync(resolve(dir, 'outline.png')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'dist/sqlbackup-teams.zip');
  try {
    const zip = await buildTeamsPackage(process.env);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    process.stdout.write(`${out}\n`);
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    process.stderr.write(`package:teams: ${error.message}\n`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await main();

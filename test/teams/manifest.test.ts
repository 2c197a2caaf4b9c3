import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { commandsFor } from '../../bot/core/commands.ts';
import { EXPLAIN_COMMAND } from '../../bot/teams/explain.ts';
import { buildTeamsPackage, fillManifest, MANIFEST_DIR, PackageError } from '../../scripts/package-teams.ts';

/** The Teams app package against the official schema, offline (@microsoft/app-manifest ships it). */

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(`${MANIFEST_DIR}manifest.json`, 'utf8')) as { manifestVersion: string; bots: { commandLists: { commands: { title: string }[] }[] }[] };
const schemaPath = `@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`;
// CommonJS packages whose default export NodeNext typing does not see: typed here by what is used.
interface SchemaCheck {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string }[] | null;
}
interface AjvLike {
  compile(schema: object): SchemaCheck;
}
const Ajv = (require('ajv-draft-04') as { default: new (options: object) => AjvLike }).default;
const addFormats = (require('ajv-formats') as { default: (ajv: AjvLike) => unknown }).default;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(require(schemaPath) as object);

const APP_ID = '0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

function errors(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** Width, height and RGBA pixels of an 8-bit RGBA PNG without filters (what our script writes). */
function decodePng(png: Buffer): { width: number; height: number; alpha: (x: number, y: number) => number; rgb: (x: number, y: number) => number[] } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const at = (x: number, y: number): number => y * (1 + width * 4) + 1 + x * 4;
  return { width, height, alpha: (x, y) => raw[at(x, y) + 3]!, rgb: (x, y) => [...raw.subarray(at(x, y), at(x, y) + 3)] };
}

describe('Teams app manifest', () => {
  it('validates against the official schema of its version, as committed and as packaged', () => {
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.19);
    expect(errors(manifest)).toEqual([]);
    expect(errors(fillManifest(manifest as never, { MicrosoftAppId: APP_ID, BOT_DOMAIN: 'bot.contoso.com' }))).toEqual([]);
  });

  it('the schema check is real: a broken manifest fails it', () => {
    expect(errors({ ...manifest, bots: [{ botId: APP_ID, scopes: ['everywhere'] }] })).not.toEqual([]);
  });

  it('asks for every message of the channels it is installed in (RSC), so pastes need no mention', () => {
    const granted = (manifest as { authorization?: { permissions?: { resourceSpecific?: { name: string; type: string }[] } } }).authorization?.permissions?.resourceSpecific;
    expect(granted).toContainEqual({ name: 'ChannelMessage.Read.Group', type: 'Application' });
  });

  it('puts "Explain this error" in every message\'s menu, run by the bot itself, which fetches the dialog', () => {
    const extensions = (manifest as { composeExtensions?: { botId: string; commands: Record<string, unknown>[] }[] }).composeExtensions ?? [];
    expect(extensions).toHaveLength(1);
    expect(extensions[0]!.botId).toBe((manifest as unknown as { bots: { botId: string }[] }).bots[0]!.botId);
    // fetchTask: the bot builds the dialog from the message (a static form would ask the user to submit an empty form first).
    expect(extensions[0]!.commands).toEqual([
      expect.objectContaining({ id: EXPLAIN_COMMAND, type: 'action', context: ['message'], title: 'Explain this error', fetchTask: true }),
    ]);
  });

  it('offers the command table of the core in the command list, in its order', () => {
    const titles = manifest.bots[0]!.commandLists[0]!.commands.map((c) => c.title);
    // Azure's commands exist only where AZURE_ACTIONS=on; a manifest cannot know, so it offers the others.
    expect(titles).toEqual(commandsFor(false).map((c) => c.name));
  });

  it('ships a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const color = decodePng(readFileSync(`${MANIFEST_DIR}color.png`));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.alpha(0, 0)).toBe(255);
    const outline = decodePng(readFileSync(`${MANIFEST_DIR}outline.png`));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let drawn = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        if (outline.alpha(x, y) === 0) continue;
        drawn++;
        expect(outline.rgb(x, y)).toEqual([255, 255, 255]);
      }
    }
    expect(outline.alpha(0, 0)).toBe(0);
    expect(drawn).toBeGreaterThan(100);
  });
});

describe('npm run package:teams', () => {
  it('zips manifest and icons at the root, with the app id from the environment', async () => {
    const zip = await JSZip.loadAsync(await buildTeamsPackage({ MicrosoftAppId: APP_ID, BOT_DOMAIN: 'bot.contoso.com' }));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(await zip.file('manifest.json')!.async('string')) as { id: string; bots: { botId: string }[]; composeExtensions: { botId: string }[]; validDomains: string[] };
    expect(packed.id).toBe(APP_ID);
    expect(packed.bots[0]!.botId).toBe(APP_ID);
    expect(packed.composeExtensions[0]!.botId).toBe(APP_ID);
    expect(packed.validDomains).toContain('bot.contoso.com');
    expect(errors(packed)).toEqual([]);
    expect(await zip.file('color.png')!.async('nodebuffer')).toEqual(readFileSync(`${MANIFEST_DIR}color.png`));
  });

  it('uses TEAMS_APP_ID for the app and MicrosoftAppId for the bot when both are set', async () => {
    const teamsAppId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    const zip = await JSZip.loadAsync(await buildTeamsPackage({ MicrosoftAppId: APP_ID, TEAMS_APP_ID: teamsAppId }));
    const packed = JSON.parse(await zip.file('manifest.json')!.async('string')) as { id: string; bots: { botId: string }[] };
    expect([packed.id, packed.bots[0]!.botId]).toEqual([teamsAppId, APP_ID]);
  });

  it('refuses to build without an app id, or with one that is not a GUID, saying which', async () => {
    await expect(buildTeamsPackage({})).rejects.toThrow(PackageError);
    await expect(buildTeamsPackage({})).rejects.toThrow(/MicrosoftAppId/);
    await expect(buildTeamsPackage({ MicrosoftAppId: 'my-bot' })).rejects.toThrow(/GUID/);
    await expect(buildTeamsPackage({ MicrosoftAppId: APP_ID, BOT_DOMAIN: 'https://x.com/api' })).rejects.toThrow(/BOT_DOMAIN/);
  });
});

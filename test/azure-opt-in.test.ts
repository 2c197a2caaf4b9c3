import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { handle } from '../bot/core/handle.ts';
import { startBot } from '../testkit/bot-process.ts';
import { FakeArm } from '../testkit/fake-arm.ts';
import { coreDeps } from './teams/core-deps.ts';

/**
 * Acting on Azure is opt-in: a bot without AZURE_ACTIONS=on must not even load the Azure SDKs
 * (they are large, and an operator who did not ask for them should not carry them), and
 * nothing of the feature may show on its cards.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Everything bot/main.ts loads at start: static imports followed through relative files; dynamic ones are not. */
function loadedAtStart(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(file, 'utf8');
    // `import type` is erased; `import(...)` runs only when reached.
    for (const m of code.matchAll(/^\s*(?:import(?!\s+type\b)|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
      const spec = (m[1] ?? m[2])!;
      if (!spec.startsWith('.')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      else {
        const target = resolve(dirname(file), spec);
        if (existsSync(target)) visit(target);
      }
    }
  };
  visit(resolve(ROOT, entry));
  return { files, packages };
}

/** The ES modules a real bot process resolved by the time it was ready. */
async function modulesLoadedBy(env: Record<string, string>): Promise<string[]> {
  const file = join(mkdtempSync(join(tmpdir(), 'modules-')), 'loaded.txt');
  const hook = join(ROOT, 'testkit/loaded-modules.mjs');
  const bot = await startBot('modules', { LOG_LEVEL: 'warn', DOTENV_CONFIG_QUIET: 'true', STORE: 'memory', PLAYGROUND: 'off', LOADED_MODULES_FILE: file, ...env }, 60_000, ['--import', hook]);
  await bot.stop();
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
}

describe('AZURE_ACTIONS off', () => {
  it('a real start loads neither the Azure Backup SDK nor bot/azure, and AZURE_ACTIONS=on loads both', async () => {
    const off = await modulesLoadedBy({});
    expect(off.length).toBeGreaterThan(50);
    expect(off.some((url) => url.includes('/bot/main.ts'))).toBe(true);
    expect(off.filter((url) => url.includes('@azure/arm-recoveryservicesbackup') || url.includes('/bot/azure/'))).toEqual([]);
    const arm = new FakeArm();
    await arm.start();
    try {
      const on = await modulesLoadedBy(arm.env());
      expect(on.some((url) => url.includes('@azure/arm-recoveryservicesbackup'))).toBe(true);
      expect(on.some((url) => url.includes('/bot/azure/index.ts'))).toBe(true);
    } finally {
      await arm.stop();
    }
  }, 120_000);

  it('loads no Azure package and no file of bot/azure at start', () => {
    const { files, packages } = loadedAtStart('bot/main.ts');
    expect(files.size).toBeGreaterThan(50);
    // Bolt and botbuilder load only when their settings ask for them (bot/main.ts): dynamic imports.
    expect(packages).toContain('express');
    expect(packages).not.toContain('@slack/bolt');
    expect([...packages].filter((p) => p.startsWith('@azure/'))).toEqual([]);
    expect([...files].filter((f) => f.includes('/bot/azure/'))).toEqual([]);
  });

  it('shows no Azure button on the answer to a paste that names a protected database, and `jobs` is a lookup', async () => {
    const deps = coreDeps();
    const id = '/subscriptions/0000/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/vault-prod/backupFabrics/Azure/protectionContainers/VMAppContainer;Compute;rg-sql;sqlvm-01/protectedItems/SQLDataBase;MSSQLSERVER;SalesDB';
    const place = { platform: 'slack', team: 'T1', channel: 'C1', thread: null, space: 'channel' } as const;
    const reply = await handle({ type: 'message', id: 'e1', user: 'U1', place, addressed: true, text: `UserErrorSQLLSNValidationFailure\n"id": "${id}"` }, deps);
    expect(reply?.body.kind).toBe('entries');
    expect(reply?.body.kind === 'entries' && reply.body.azure).toBeFalsy();
    const jobs = await handle({ type: 'command', id: 'e2', user: 'U1', place, text: 'jobs vault-prod SalesDB' }, deps);
    expect(jobs?.body.kind).not.toBe('jobs');
    const help = await handle({ type: 'command', id: 'e3', user: 'U1', place, text: 'help' }, deps);
    expect(help?.body).toEqual({ kind: 'help' });
  });
});

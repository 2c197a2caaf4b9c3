/**
 * npm run alerts:send -- test/fixtures/alerts/backup-failure.json [--url URL] [--as-is]
 *
 * Sends a sample Azure Monitor alert to a running bot, so a team sees the card in the
 * conversation that said `alerts here` before wiring Azure. Reads ALERT_WEBHOOK_TOKEN and
 * PORT from the environment or .env, like the bot. Each send is a new alert fired now (a new
 * alert id), so sending one fixture twice shows a repeat; --as-is sends the file unchanged.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { config as loadDotenv } from 'dotenv';

const dotenvPath = process.env['DOTENV_CONFIG_PATH'];
loadDotenv({ quiet: true, ...(dotenvPath ? { path: dotenvPath } : {}) });

function fail(message: string): never {
  process.stderr.write(`alerts:send: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const urlArg = args.includes('--url') ? args[args.indexOf('--url') + 1] : undefined;
if (!file) fail('name a fixture, e.g. npm run alerts:send -- test/fixtures/alerts/backup-failure.json');

let alert: { data?: { essentials?: Record<string, unknown> } };
try {
  alert = JSON.parse(readFileSync(file, 'utf8')) as typeof alert;
} catch (error) {
  fail(`cannot read ${file}: ${(error as Error).message}`);
}
const essentials = alert.data?.essentials;
if (!args.includes('--as-is') && essentials) {
  essentials['alertId'] = `${String(essentials['alertId']).replace(/\/[^/]*$/, '')}/${randomUUID()}`;
  if (essentials['monitorCondition'] !== 'Resolved') essentials['firedDateTime'] = new Date().toISOString();
}

const token = process.env['ALERT_WEBHOOK_TOKEN']?.trim();
if (!token) fail('ALERT_WEBHOOK_TOKEN is not set (in the environment or .env); the bot needs the same value to serve /alerts/azure-monitor.');
const base = urlArg ?? `http://127.0.0.1:${process.env['PORT']?.trim() || '3000'}/alerts/azure-monitor`;
const url = new URL(base);
url.searchParams.set('token', token);

try {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alert) });
  const body = await res.text();
  // The URL carries the secret: print it without.
  process.stdout.write(`${res.status} from ${base}: ${body}\n`);
  if (res.status !== 202) process.exit(1);
} catch (error) {
  fail(`could not reach ${base}: ${(error as Error).message}. Is the bot running (npm start) on that port?`);
}

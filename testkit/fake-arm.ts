import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServer, listenOnLoopback, readBody } from '../test/support/loopback.ts';

/**
 * A stand-in for Azure Resource Manager (HTTPS, with a certificate made at start and trusted
 * by the bot process through NODE_EXTRA_CA_CERTS) and for the managed-identity token
 * endpoint App Service provides (IDENTITY_ENDPOINT + IDENTITY_HEADER, which
 * DefaultAzureCredential uses). Every request is recorded and checked against the
 * documented API: path, api-version, bearer token, query and body. Anything else gets a 400
 * and lands in `violations`, which a test asserts empty.
 */

export const BACKUP_API = '2023-06-01';
export const VAULTS_API = '2023-04-01';
export const SUBSCRIPTIONS_API = '2022-12-01';
export const ALERTS_API = '2019-03-01';
export const IDENTITY_API = '2019-08-01';

export interface ArmRequest {
  readonly method: string;
  /** Decoded path, as ARM reads it. */
  readonly path: string;
  readonly query: Record<string, string>;
  readonly authorization: string | undefined;
  readonly body: string;
  readonly at: number;
}

export interface FakeDatabase {
  readonly subscription: string;
  readonly resourceGroup: string;
  readonly vault: string;
  readonly vmResourceGroup: string;
  readonly vm: string;
  readonly instance: string;
  readonly database: string;
  readonly container: string;
  readonly item: string;
  readonly id: string;
  /** The SQL Server's computer name as the protected item reports it (and its jobs' entity names). */
  readonly serverName: string;
}

/** A job's `properties` as the Backup API returns them (AzureWorkloadJob). */
export type JobProperties = Record<string, unknown>;

export type Fault =
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'throttle'; readonly retryAfter: number }
  | { readonly kind: 'hang' }
  | { readonly kind: 'status'; readonly status: number; readonly code: string };

interface BackupScript {
  readonly jobId: string;
  /** Polls that answer InProgress before Succeeded. */
  inProgressPolls: number;
  readonly retryAfter: number;
  readonly operationId: string;
}

/** The permission each route needs, as ARM names it in an AuthorizationFailed message. */
const ACTIONS: Record<string, string> = {
  vaults: 'Microsoft.RecoveryServices/vaults/read',
  subscriptions: 'Microsoft.Resources/subscriptions/read',
  protectedItems: 'Microsoft.RecoveryServices/vaults/backupProtectedItems/read',
  protectedItem: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/read',
  jobs: 'Microsoft.RecoveryServices/vaults/backupJobs/read',
  job: 'Microsoft.RecoveryServices/vaults/backupJobs/read',
  trigger: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/backup/action',
  operation: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/operationsStatus/read',
  changestate: 'Microsoft.AlertsManagement/alerts/changestate/action',
};

const VAULT = '/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.RecoveryServices/vaults/([^/]+)';
const ITEM = `${VAULT}/backupFabrics/Azure/protectionContainers/([^/]+)/protectedItems/([^/]+)`;
const ROUTES: readonly { name: string; method: string; path: RegExp; api: string }[] = [
  { name: 'subscriptions', method: 'GET', path: /^\/subscriptions$/i, api: SUBSCRIPTIONS_API },
  { name: 'vaults', method: 'GET', path: /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.RecoveryServices\/vaults$/i, api: VAULTS_API },
  { name: 'protectedItems', method: 'GET', path: new RegExp(`^${VAULT}/backupProtectedItems$`, 'i'), api: BACKUP_API },
  { name: 'jobs', method: 'GET', path: new RegExp(`^${VAULT}/backupJobs$`, 'i'), api: BACKUP_API },
  { name: 'job', method: 'GET', path: new RegExp(`^${VAULT}/backupJobs/([^/]+)$`, 'i'), api: BACKUP_API },
  { name: 'protectedItem', method: 'GET', path: new RegExp(`^${ITEM}$`, 'i'), api: BACKUP_API },
  { name: 'trigger', method: 'POST', path: new RegExp(`^${ITEM}/backup$`, 'i'), api: BACKUP_API },
  { name: 'operation', method: 'GET', path: new RegExp(`^${ITEM}/operationsStatus/([^/]+)$`, 'i'), api: BACKUP_API },
  { name: 'changestate', method: 'POST', path: /^(\/subscriptions\/[^/]+(?:\/[^/]+)*\/providers\/Microsoft\.AlertsManagement\/alerts\/[^/]+)\/changestate$/i, api: ALERTS_API },
];

/** "2016-01-01 00:00:00 AM", the format the Backup API's job filter documents. */
const FILTER_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) (AM|PM)$/;

function filterDate(text: string): number | null {
  const m = FILTER_DATE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (h < 1 || h > 12) return null;
  return Date.UTC(y, mo - 1, d, (h % 12) + (m[7] === 'PM' ? 12 : 0), mi, s);
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class FakeArm {
  readonly subscription = randomUUID();
  readonly token = `fake-arm-token-${randomBytes(12).toString('hex')}`;
  readonly identityHeader = randomBytes(16).toString('hex');
  readonly requests: ArmRequest[] = [];
  readonly tokenRequests: { resource: string | null; at: number }[] = [];
  readonly violations: string[] = [];
  /** State changes Azure accepted, by alert id. */
  readonly alertStates = new Map<string, string[]>();
  url = '';
  private identityUrl = '';
  private dir = '';
  private arm: Server | null = null;
  private identity: Server | null = null;
  private readonly vaults: { subscription: string; resourceGroup: string; name: string }[] = [];
  private readonly databases: FakeDatabase[] = [];
  private readonly jobs = new Map<string, { name: string; properties: JobProperties }[]>();
  private readonly jobScripts = new Map<string, JobProperties[]>();
  private readonly backups = new Map<string, BackupScript>();
  private readonly faults: { route: string; fault: Fault; times: number }[] = [];
  private readonly alerts = new Set<string>();
  /** Jobs per page of the jobs list, to make the client follow nextLink. */
  jobsPageSize = 200;
  /** The identity endpoint refuses to issue tokens (an identity not assigned to the host, say). */
  refuseTokens = false;
  /** The identity endpoint takes the request and never answers. */
  hangTokens = false;

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'fake-arm-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(this.dir, 'key.pem'), '-out', join(this.dir, 'cert.pem'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const tls = { key: readFileSync(join(this.dir, 'key.pem')), cert: readFileSync(join(this.dir, 'cert.pem')) };
    this.arm = createHttpsServer(tls, (req, res) => void this.serve(req, res));
    this.url = (await listenOnLoopback(this.arm)).replace('http://', 'https://');
    this.identity = createHttpServer((req, res) => this.issueToken(req, res));
    this.identityUrl = `${await listenOnLoopback(this.identity)}/msi/token`;
  }

  async stop(): Promise<void> {
    await closeServer(this.arm);
    await closeServer(this.identity);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** What a bot process needs to act on this stand-in. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      AZURE_ACTIONS: 'on',
      AZURE_RESOURCE_MANAGER_URL: this.url,
      AZURE_SUBSCRIPTION_ID: this.subscription,
      IDENTITY_ENDPOINT: this.identityUrl,
      IDENTITY_HEADER: this.identityHeader,
      NODE_EXTRA_CA_CERTS: join(this.dir, 'cert.pem'),
      ...extra,
    };
  }

  /** A SQL database protected in `vault` (created on first use), with its ARM ids. */
  addDatabase(o: { vault: string; resourceGroup?: string; vm: string; vmResourceGroup?: string; instance?: string; database: string; subscription?: string; serverName?: string }): FakeDatabase {
    const subscription = o.subscription ?? this.subscription;
    const resourceGroup = o.resourceGroup ?? 'rg-backup';
    if (!this.vaults.some((v) => same(v.name, o.vault) && v.subscription === subscription)) this.vaults.push({ subscription, resourceGroup, name: o.vault });
    const vmResourceGroup = o.vmResourceGroup ?? 'rg-sql';
    const instance = o.instance ?? 'MSSQLSERVER';
    const container = `VMAppContainer;Compute;${vmResourceGroup};${o.vm}`;
    const item = `SQLDataBase;${instance};${o.database}`;
    const id = `/subscriptions/${subscription}/resourceGroups/${resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${o.vault}/backupFabrics/Azure/protectionContainers/${container}/protectedItems/${item}`;
    const db = { subscription, resourceGroup, vault: o.vault, vmResourceGroup, vm: o.vm, instance, database: o.database, container, item, id, serverName: o.serverName ?? `${o.vm}.contoso.com` };
    this.databases.push(db);
    return db;
  }

  /** A job in `db`'s vault, named as Azure names a SQL workload job's entity. */
  addJob(db: FakeDatabase, name: string, properties: JobProperties): void {
    const list = this.jobs.get(db.vault.toLowerCase()) ?? [];
    list.push({ name, properties: { jobType: 'AzureWorkloadJob', workloadType: 'SQLDataBase', backupManagementType: 'AzureWorkload', entityFriendlyName: `${db.instance}/${db.database} [${db.serverName}]`, ...properties } });
    this.jobs.set(db.vault.toLowerCase(), list);
  }

  /** What successive GETs of job `name` answer (the last one repeats). */
  scriptJob(db: FakeDatabase, name: string, states: JobProperties[]): void {
    this.jobScripts.set(name.toLowerCase(), states.map((p) => ({ jobType: 'AzureWorkloadJob', workloadType: 'SQLDataBase', backupManagementType: 'AzureWorkload', entityFriendlyName: `${db.instance}/${db.database} [${db.serverName.split('.')[0]}]`, operation: 'Backup (Full)', ...p })));
  }

  /** An on-demand backup of `db` is accepted; its operation answers InProgress `inProgressPolls` times, then names `jobId`. */
  scriptBackup(db: FakeDatabase, o: { jobId: string; inProgressPolls?: number; retryAfter?: number }): void {
    this.backups.set(db.item.toLowerCase(), { jobId: o.jobId, inProgressPolls: o.inProgressPolls ?? 0, retryAfter: o.retryAfter ?? 1, operationId: randomUUID() });
  }

  addAlert(): string {
    const id = `/subscriptions/${this.subscription}/providers/Microsoft.AlertsManagement/alerts/${randomUUID()}`;
    this.alerts.add(id.toLowerCase());
    return id;
  }

  /** The next `times` requests to `route` (a route name above, or 'any') meet `fault`. */
  fault(route: string, fault: Fault, times = Number.POSITIVE_INFINITY): void {
    this.faults.push({ route, fault, times });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  requestsTo(route: string): ArmRequest[] {
    return this.requests.filter((r) => this.routeOf(r)?.name === route);
  }

  private routeOf(r: { method: string; path: string }): { name: string; api: string; m: RegExpExecArray } | null {
    for (const route of ROUTES) {
      const m = route.method === r.method ? route.path.exec(r.path) : null;
      if (m) return { name: route.name, api: route.api, m };
    }
    return null;
  }

  private issueToken(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const resource = url.searchParams.get('resource');
    this.tokenRequests.push({ resource, at: Date.now() });
    const problems = [
      url.pathname !== '/msi/token' && `token path ${url.pathname}`,
      url.searchParams.get('api-version') !== IDENTITY_API && `token api-version ${url.searchParams.get('api-version')}`,
      req.headers['x-identity-header'] !== this.identityHeader && 'token request without the identity header',
      resource !== this.url && `token for resource ${resource}, not ${this.url}`,
    ].filter((p): p is string => typeof p === 'string');
    if (this.hangTokens) return;
    if (this.refuseTokens) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_request', error_description: 'No managed identity is assigned to this resource.' }));
      return;
    }
    if (problems.length > 0) {
      this.violations.push(...problems);
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_request' }));
      return;
    }
    const expires = Math.floor(Date.now() / 1000) + 3600;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: this.token, expires_on: String(expires), resource, token_type: 'Bearer' }));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const path = url.pathname.split('/').map((s) => decodeURIComponent(s)).join('/');
    const request: ArmRequest = { method: req.method ?? '', path, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization, body: await readBody(req), at: Date.now() };
    this.requests.push(request);
    const route = this.routeOf(request);
    const reject = (problem: string): void => {
      this.violations.push(`${request.method} ${path}: ${problem}`);
      json(res, 400, { error: { code: 'BadRequest', message: problem } });
    };
    if (!route) return reject('no such ARM operation');
    if (request.authorization !== `Bearer ${this.token}`) {
      this.violations.push(`${request.method} ${path}: no bearer token from the identity endpoint`);
      return json(res, 401, { error: { code: 'AuthenticationFailed', message: 'Authentication failed.' } });
    }
    if (request.query['api-version'] !== route.api) return reject(`api-version ${request.query['api-version']}, expected ${route.api}`);
    const fault = this.faults.find((f) => f.times > 0 && (f.route === 'any' || f.route === route.name));
    if (fault) {
      fault.times -= 1;
      return this.answerFault(res, fault.fault, route.name, path);
    }
    const problem = this.answer(route.name, route.m, request, url, res);
    if (problem) reject(problem);
  }

  private answerFault(res: ServerResponse, fault: Fault, route: string, path: string): void {
    if (fault.kind === 'hang') return; // never answered: the client must give up on its own
    if (fault.kind === 'throttle') {
      res.setHeader('Retry-After', String(fault.retryAfter));
      return json(res, 429, { error: { code: 'TooManyRequests', message: 'The request is being throttled.' } });
    }
    if (fault.kind === 'status') return json(res, fault.status, { error: { code: fault.code, message: `Injected ${fault.code}.` } });
    const objectId = '9a0c3b1e-0000-4000-8000-00000000b07a';
    json(res, 403, {
      error: {
        code: 'AuthorizationFailed',
        message: `The client '${objectId}' with object id '${objectId}' does not have authorization to perform action '${ACTIONS[route]}' over scope '${path}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      },
    });
  }

  /** Answers a well-formed request; returns what was wrong with it otherwise. */
  private answer(route: string, m: RegExpExecArray, r: ArmRequest, url: URL, res: ServerResponse): string | null {
    const sub = m[1] ?? '';
    const vault = this.vaults.find((v) => same(v.subscription, sub) && same(v.resourceGroup, m[2] ?? '') && same(v.name, m[3] ?? ''));
    const notFound = (what: string): null => {
      json(res, 404, { error: { code: 'ResourceNotFound', message: `${what} was not found.` } });
      return null;
    };
    switch (route) {
      case 'subscriptions':
        json(res, 200, { value: [...new Set(this.vaults.map((v) => v.subscription))].map((s) => ({ id: `/subscriptions/${s}`, subscriptionId: s, state: 'Enabled' })) });
        return null;
      case 'vaults':
        json(res, 200, {
          value: this.vaults.filter((v) => same(v.subscription, sub)).map((v) => ({ id: `/subscriptions/${v.subscription}/resourceGroups/${v.resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${v.name}`, name: v.name, type: 'Microsoft.RecoveryServices/vaults', location: 'westeurope' })),
        });
        return null;
      case 'protectedItems': {
        const filter = r.query['$filter'] ?? '';
        if (!/backupManagementType eq 'AzureWorkload'/.test(filter) || !/itemType eq 'SQLDataBase'/.test(filter)) return `protected items filter "${filter}"`;
        if (!vault) return notFound(`Vault ${m[3]}`);
        const items = this.databases.filter((d) => same(d.vault, vault.name) && d.subscription === vault.subscription);
        json(res, 200, { value: items.map(itemResource) });
        return null;
      }
      case 'protectedItem': {
        const db = this.databases.find((d) => d.id.toLowerCase() === r.path.toLowerCase());
        if (!db) return notFound(`Protected item ${m[5]}`);
        json(res, 200, itemResource(db));
        return null;
      }
      case 'jobs': {
        const window = this.jobWindow(r.query['$filter'] ?? '');
        if (typeof window === 'string') return window;
        if (!vault) return notFound(`Vault ${m[3]}`);
        // As Azure does: the jobs that started in the window (a job without a start is always listed).
        const all = (this.jobs.get(vault.name.toLowerCase()) ?? []).filter((j) => {
          const started = j.properties['startTime'];
          const at = typeof started === 'string' ? Date.parse(started) : Number.NaN;
          return Number.isNaN(at) || (at >= window.start && at < window.end + 1000); // the filter's dates have whole seconds
        });
        const skip = Number(r.query['$skipToken'] ?? 0);
        const page = all.slice(skip, skip + this.jobsPageSize);
        const next = new URL(url);
        next.searchParams.set('$skipToken', String(skip + this.jobsPageSize));
        const base = `/subscriptions/${vault.subscription}/resourceGroups/${vault.resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${vault.name}/backupJobs`;
        json(res, 200, { value: page.map((j) => ({ id: `${base}/${j.name}`, name: j.name, type: 'Microsoft.RecoveryServices/vaults/backupJobs', properties: j.properties })), ...(skip + this.jobsPageSize < all.length ? { nextLink: next.toString() } : {}) });
        return null;
      }
      case 'job': {
        const name = m[4] ?? '';
        const script = this.jobScripts.get(name.toLowerCase());
        const listed = (this.jobs.get((m[3] ?? '').toLowerCase()) ?? []).find((j) => same(j.name, name));
        const properties = script ? (script.length > 1 ? script.shift()! : script[0]!) : listed?.properties;
        if (!vault || !properties) {
          json(res, 404, { error: { code: 'BMSUserErrorJobNotFound', message: `Job ${name} not found.` } });
          return null;
        }
        json(res, 200, { id: `${r.path}`, name, type: 'Microsoft.RecoveryServices/vaults/backupJobs', properties });
        return null;
      }
      case 'trigger': {
        const db = this.databases.find((d) => d.id.toLowerCase() === r.path.replace(/\/backup$/i, '').toLowerCase());
        let body: { properties?: Record<string, unknown> };
        try {
          body = JSON.parse(r.body) as typeof body;
        } catch {
          return 'backup body is not JSON';
        }
        const p = body.properties ?? {};
        const keys = Object.keys(p).sort().join(',');
        if (p['objectType'] !== 'AzureWorkloadBackupRequest' || p['backupType'] !== 'Full' || keys !== 'backupType,objectType,recoveryPointExpiryTimeInUTC' || Number.isNaN(Date.parse(String(p['recoveryPointExpiryTimeInUTC'])))) {
          return `backup body ${r.body}`;
        }
        const script = db && this.backups.get(db.item.toLowerCase());
        if (!db || !script) return notFound(`Protected item ${m[5]}`);
        const item = `${this.url}${db.id}`;
        res.setHeader('Azure-AsyncOperation', `${item}/operationsStatus/${script.operationId}?api-version=${BACKUP_API}`);
        res.setHeader('Location', `${item}/operationResults/${script.operationId}?api-version=${BACKUP_API}`);
        res.setHeader('Retry-After', String(script.retryAfter));
        res.writeHead(202).end();
        return null;
      }
      case 'operation': {
        const db = this.databases.find((d) => same(d.item, m[5] ?? '') && same(d.container, m[4] ?? ''));
        const script = db && this.backups.get(db.item.toLowerCase());
        if (!script || !same(script.operationId, m[6] ?? '')) return notFound(`Operation ${m[6]}`);
        const start = new Date().toISOString();
        if (script.inProgressPolls > 0) {
          script.inProgressPolls -= 1;
          res.setHeader('Retry-After', String(script.retryAfter));
          json(res, 200, { id: script.operationId, name: script.operationId, status: 'InProgress', startTime: start });
          return null;
        }
        // As in Azure, the job the operation names is in the vault's job list from then on.
        const listed = this.jobs.get(db.vault.toLowerCase()) ?? [];
        if (!listed.some((j) => same(j.name, script.jobId))) this.addJob(db, script.jobId, { operation: 'Backup (Full)', status: 'InProgress', startTime: start, isUserTriggered: true });
        json(res, 200, { id: script.operationId, name: script.operationId, status: 'Succeeded', startTime: start, endTime: start, properties: { objectType: 'OperationStatusJobExtendedInfo', jobId: script.jobId } });
        return null;
      }
      case 'changestate': {
        const alertId = m[1] ?? '';
        const state = r.query['newState'] ?? '';
        if (!['New', 'Acknowledged', 'Closed'].includes(state)) return `newState "${state}"`;
        if (r.body.trim() !== '') return `changestate body ${r.body}`;
        if (!this.alerts.has(alertId.toLowerCase())) return notFound(`Alert ${alertId}`);
        this.alertStates.set(alertId, [...(this.alertStates.get(alertId) ?? []), state]);
        json(res, 200, { id: alertId, name: alertId.split('/').at(-1), type: 'Microsoft.AlertsManagement/alerts', properties: { essentials: { alertState: state } } });
        return null;
      }
      default:
        return 'unrouted';
    }
  }

  /** backupManagementType eq 'AzureWorkload' and a startTime/endTime window of at most 30 days ending now, in the documented format. */
  private jobWindow(filter: string): { start: number; end: number } | string {
    const clauses = new Map(
      filter.split(' and ').map((c) => {
        const m = /^(\w+) eq '([^']*)'$/.exec(c.trim());
        return [m?.[1] ?? c, m?.[2] ?? ''] as const;
      }),
    );
    const start = filterDate(clauses.get('startTime') ?? '');
    const end = filterDate(clauses.get('endTime') ?? '');
    if (clauses.size !== 3 || clauses.get('backupManagementType') !== 'AzureWorkload' || start === null || end === null) return `jobs filter "${filter}"`;
    if (Math.abs(end - Date.now()) > 120_000 || start >= end || end - start > 30 * 86_400_000 + 120_000) return `jobs window ${clauses.get('startTime')} to ${clauses.get('endTime')}`;
    return { start, end };
  }
}

/** A protected SQL database as the Backup API returns it (AzureVmWorkloadSQLDatabase). */
function itemResource(d: FakeDatabase): Record<string, unknown> {
  return {
    id: d.id,
    name: d.item,
    type: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems',
    properties: { protectedItemType: 'AzureVmWorkloadSQLDatabase', backupManagementType: 'AzureWorkload', workloadType: 'SQLDataBase', friendlyName: d.database, serverName: d.serverName, parentName: d.instance, parentType: 'AzureVmWorkloadSQLInstance', containerName: d.container, protectionState: 'Protected' },
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': randomUUID() }).end(JSON.stringify(body));
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { CoreDeps } from '../core/deps.ts';
import { bodyLimit, type BufferedRequest } from '../ops/body-limit.ts';
import { alertKeys } from '../core/alerts/alert-keys.ts';
import type { AlertMetrics } from '../core/alerts/alert-metrics.ts';
import type { AlertsConfig } from './config.ts';
import type { AlertDesk } from '../core/alerts/desk.ts';
import { isAzureBackup, parseAlert } from '../core/alerts/parse.ts';

export const ALERTS_PATH = '/alerts/azure-monitor';

/** Action groups retry for minutes at most; a week covers any replay of the same delivery. */
const DEDUPE_TTL_MS = 7 * 24 * 3_600_000;

export interface AlertWebhookOptions {
  readonly config: AlertsConfig;
  readonly desk: AlertDesk;
  readonly core: CoreDeps;
  readonly metrics: AlertMetrics;
  readonly bodyLimitBytes?: number;
  /** Lets a shutdown wait for alerts accepted but not yet posted. */
  readonly track: <T>(work: Promise<T>) => Promise<T>;
}

/** Compares digests, so neither the content nor the length of the secret leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * POST /alerts/azure-monitor: Azure Monitor action groups deliver alerts here in the common
 * alert schema. Answers 202 as soon as the delivery is recorded in the store (the post itself
 * follows), so Azure's retries (5xx, timeouts) are rare and, when they come, change nothing.
 * Not mounted at all (404) without a token or secure-webhook setting.
 */
export function mountAlertWebhook(app: Express, options: AlertWebhookOptions): boolean {
  const { config, desk, core, metrics } = options;
  if (config.token === null && config.secure === null) return false;
  const log = core.logger.child({ component: 'alerts-webhook' });
  const jwks = config.secure ? createRemoteJWKSet(new URL(config.secure.jwksUrl)) : null;

  async function authorized(req: Request): Promise<boolean> {
    const token = req.query['token'];
    if (typeof token === 'string' && config.token !== null) return sameSecret(token, config.token);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer && jwks && config.secure) {
      try {
        await jwtVerify(bearer, jwks, { audience: config.secure.audience, issuer: config.secure.issuer });
        return true;
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'alerts: bearer token refused');
      }
    }
    return false;
  }

  const refuse = (res: Response, status: number, error: string, reason: string) => {
    metrics.received('refused');
    res.status(status).json({ error, reason });
  };

  app.post(
    ALERTS_PATH,
    (req, res, next) => {
      // The secret is in the URL: checked before a byte of the body is read.
      authorized(req)
        .then((ok) => {
          if (ok) return next();
          log.warn({ path: ALERTS_PATH }, 'alerts: request without a valid token refused');
          refuse(res, 401, 'unauthorized', 'missing or wrong token');
        })
        .catch(next);
    },
    bodyLimit(options.bodyLimitBytes ?? 1024 * 1024),
    (req: BufferedRequest, res) => {
      let body: unknown;
      try {
        body = JSON.parse((req.rawBody ?? Buffer.alloc(0)).toString('utf8'));
      } catch {
        log.warn({ path: ALERTS_PATH }, 'alerts: body is not JSON');
        return refuse(res, 400, 'invalid_json', 'the body is not JSON');
      }
      const parsed = parseAlert(body);
      if (!parsed.ok) {
        log.warn({ reason: parsed.reason }, 'alerts: not a common-schema alert');
        return refuse(res, 422, parsed.reason === 'not-common-schema' ? 'useCommonAlertSchema' : 'invalid_alert', parsed.detail);
      }
      const alert = parsed.alert;
      if (!isAzureBackup(alert)) {
        metrics.received('ignored');
        log.info({ alertId: alert.alertId, service: alert.service }, 'alerts: not an Azure Backup alert; nothing posted');
        res.status(202).json({ status: 'ignored' });
        return;
      }
      core.store
        .claim(alertKeys.delivery(alert.alertId, alert.condition), DEDUPE_TTL_MS)
        .then((first) => {
          if (!first) {
            metrics.received('duplicate');
            log.info({ alertId: alert.alertId, condition: alert.condition }, 'alerts: repeated delivery; already accepted');
            res.status(202).json({ status: 'duplicate' });
            return;
          }
          metrics.received('accepted');
          res.status(202).json({ status: 'accepted' });
          void options.track(desk.receive(alert)).catch((error: unknown) => log.error({ alertId: alert.alertId, err: (error as Error).message }, 'alerts: processing failed'));
        })
        .catch((error: unknown) => {
          // Not recorded: a 503 makes Azure deliver it again later.
          log.error({ alertId: alert.alertId, err: (error as Error).message }, 'alerts: could not record the delivery');
          res.status(503).json({ error: 'unavailable', reason: 'the store is unreachable; retry' });
        });
    },
  );
  return true;
}

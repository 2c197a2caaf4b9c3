import type { Express } from 'express';
import type { Registry } from 'prom-client';
import type { CoreDeps } from '../core/deps.ts';
import type { ChatPlatform } from '../core/platform.ts';
import { createAlertMetrics } from '../core/alerts/alert-metrics.ts';
import type { AlertsConfig } from './config.ts';
import { createAlertDesk, type AlertDesk } from '../core/alerts/desk.ts';
import { mountAlertWebhook } from './webhook.ts';

export interface AlertsSide {
  readonly desk: AlertDesk;
  /** False when no webhook setting is present (the endpoint answers 404). */
  readonly webhook: boolean;
  stop(): void;
}

export interface StartAlertsOptions {
  readonly config: AlertsConfig;
  readonly core: CoreDeps;
  readonly platforms: readonly ChatPlatform[];
  readonly http: Express;
  readonly registry?: Registry;
  readonly bodyLimitBytes?: number;
  readonly track: <T>(work: Promise<T>) => Promise<T>;
  /** How often open problems are checked for the quiet period (default 10 minutes). */
  readonly sweepMs?: number;
  /** Attempts per post and the first backoff (default 4 attempts from 500 ms). */
  readonly retry?: { readonly attempts: number; readonly baseMs: number };
}

/** The alerts side of the composition root: the desk, its webhook, its quiet-period sweep. */
export function startAlerts(options: StartAlertsOptions): AlertsSide {
  const metrics = createAlertMetrics(options.registry);
  const desk = createAlertDesk({
    core: options.core,
    platforms: new Map(options.platforms.map((p) => [p.platform, p])),
    routes: options.config.routes,
    quietMs: options.config.quietMs,
    metrics,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const webhook = mountAlertWebhook(options.http, {
    config: options.config,
    desk,
    core: options.core,
    metrics,
    track: options.track,
    ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
  });
  const timer = setInterval(() => void options.track(desk.sweep()).catch(() => undefined), options.sweepMs ?? 600_000);
  timer.unref();
  return { desk, webhook, stop: () => clearInterval(timer) };
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/**
 * Who may read /metrics. Its counters name the catalog entries a company's backups fail on
 * and how often, which is not for everyone who can reach the bot's public port. With a
 * token, anyone who presents it (Prometheus's `authorization` setting); without one, only a
 * client on this machine that came straight in: a request relayed by a reverse proxy on
 * the same host carries forwarding headers and is refused, so the proxy cannot expose it.
 */
export function metricsAccess(token: string | undefined) {
  const expected = token ? digest(token) : null;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (expected) {
      const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (given !== undefined && timingSafeEqual(digest(given), expected)) return next();
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'metrics need the METRICS_TOKEN bearer token' });
      return;
    }
    if (isDirectLoopback(req.socket.remoteAddress, req.headers)) return next();
    res.status(403).json({ error: 'metrics are served to loopback only; set METRICS_TOKEN to scrape from elsewhere' });
  };
}

/** Equal-length values for timingSafeEqual, whatever the lengths of the token and the guess. */
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export function isDirectLoopback(address: string | undefined, headers: IncomingHttpHeaders): boolean {
  if (headers['x-forwarded-for'] !== undefined || headers['forwarded'] !== undefined || headers['x-real-ip'] !== undefined) return false;
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

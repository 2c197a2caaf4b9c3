import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { bodyLimit } from './body-limit.ts';
import { captureLogger } from '../../test/support/capture-logger.ts';
import { requestIdFrom, requestIds } from './request-context.ts';

describe('request ids on log lines', () => {
  it('stamps every line written for a request with its id, including work after the response', async () => {
    const { logger, lines } = captureLogger();
    const app = express();
    app.use(requestIds());
    let finished!: () => void;
    const background = new Promise<void>((resolve) => (finished = resolve));
    app.post('/slack/events', bodyLimit(1024), (_req, res) => {
      logger.info('received');
      res.status(200).end(); // acknowledged, like Bolt, then the answer is worked on
      setTimeout(() => {
        logger.child({ listener: 'app_mention' }).info('answered');
        finished();
      }, 50);
    });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const a = await fetch(`${base}/slack/events`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json', 'x-request-id': 'lb-123' } });
      await background;
      const b = await fetch(`${base}/slack/events`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      await new Promise((r) => setTimeout(r, 100));
      expect(a.headers.get('x-request-id')).toBe('lb-123');
      const second = b.headers.get('x-request-id');
      expect(second).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines.map((l) => [l['msg'], l['reqId']])).toEqual([
        ['received', 'lb-123'],
        ['answered', 'lb-123'],
        ['received', second],
        ['answered', second],
      ]);
      logger.info('outside any request');
      expect(lines.at(-1)?.['reqId']).toBeUndefined();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('requestIdFrom', () => {
  it('reuses a sane upstream id and replaces one that could forge a log line', () => {
    expect(requestIdFrom('lb-7f3a')).toBe('lb-7f3a');
    expect(requestIdFrom('bad id with spaces\n{"level":"fatal"}')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

/** What `bodyLimit` leaves on the request for the handlers after it. */
export interface BufferedRequest extends Request {
  /** The exact bytes received: Bolt's receivers verify the Slack signature over these. */
  rawBody?: Buffer;
}

/**
 * Reads the body once, refusing with 413 as soon as it passes `maxBytes` (from the
 * Content-Length header when there is one, else while streaming), so a huge or endless
 * upload costs neither memory nor signature checks. Leaves `req.rawBody` (a Buffer; Bolt's
 * ExpressReceiver and HTTPReceiver use it instead of reading the stream) and, for JSON,
 * the parsed `req.body` (botbuilder reads that). express.json() placed after it sees a
 * finished stream and leaves `req.body` alone.
 */
export function bodyLimit(maxBytes: number = DEFAULT_BODY_LIMIT_BYTES) {
  return (req: BufferedRequest, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.rawBody !== undefined) return next();
    const refuse = (): void => {
      if (res.headersSent) return;
      res.status(413).set('Connection', 'close').json({ error: 'payload_too_large', limitBytes: maxBytes });
      // Stop reading: the rest of an oversized upload is not worth receiving.
      req.unpipe();
      req.resume();
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return refuse();

    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: Error): void => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (err) return next(err);
      const raw = Buffer.concat(chunks, size);
      req.rawBody = raw;
      if (/\bjson\b/i.test(req.headers['content-type'] ?? '')) {
        try {
          req.body = JSON.parse(raw.toString('utf8')) as unknown;
        } catch {
          // Malformed JSON is the handler's to refuse (with its own 400 and log line).
        }
      }
      next();
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
        refuse();
        return;
      }
      chunks.push(chunk);
    };
    // Stream events fire outside the request's async context; binding keeps what runs after
    // the body (the handlers, their log lines' request id) inside it.
    const onEnd = AsyncResource.bind((): void => finish());
    const onError = AsyncResource.bind((err: Error): void => finish(err));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  };
}

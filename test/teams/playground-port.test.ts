import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../bot/ops/logger.ts';
import { startPlayground } from '../../bot/teams/playground.ts';

/**
 * The README promises that the Agents Playground moves to a free port when its own (56150)
 * is taken, and the bot prints the URL it really got. Checked with the real Playground and a
 * port this test holds (not 56150 itself, which other suites use).
 */

let holder: Server | undefined;
afterAll(async () => {
  await new Promise((resolve) => (holder ? holder.close(resolve) : resolve(undefined)));
});

describe('the Agents Playground on a taken port', () => {
  it('starts on another port and reports the one it listens on', async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder!.listen(0, resolve));
    const taken = (holder.address() as { port: number }).port;
    const playground = await startPlayground({ botEndpoint: 'http://127.0.0.1:9/api/messages', port: taken, logger: silentLogger() });
    try {
      const port = Number(new URL(playground.url).port);
      expect(port).not.toBe(taken);
      expect((await fetch(playground.url)).status).toBe(200);
    } finally {
      await playground.stop();
    }
  }, 90_000);
});

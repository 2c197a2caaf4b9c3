/**
 * Why the server could not take its port, in words an operator acts on. A busy port is the
 * commonest start-up failure (a second `npm start`, another service on 3000) and its raw
 * EADDRINUSE stack trace says nothing about the PORT setting.
 */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

export function listenErrorOf(error: Error, port: number, host: string | undefined): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const where = host === undefined ? `port ${String(port)}` : `port ${String(port)} on ${host}`;
  if (code === 'EADDRINUSE') return new ListenError(`${where} is already in use: stop what holds it, or set PORT to a free port (e.g. PORT=${String(port + 1)} npm start)`);
  if (code === 'EACCES') return new ListenError(`${where} needs privileges this process lacks: set PORT to 1024 or above`);
  if (code === 'EADDRNOTAVAIL') return new ListenError(`${host ?? 'the host'} is not an address of this machine: check HOST`);
  return error;
}

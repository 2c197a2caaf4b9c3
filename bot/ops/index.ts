export { createLogger, silentLogger, captureLogger, type Logger, type LogLevel } from './logger.ts';
export { createMetrics, type Metrics } from './metrics.ts';
export { opsRoutes, type ReadyCheck } from './opsRoutes.ts';
export { bodyLimit, DEFAULT_BODY_LIMIT_BYTES, type BufferedRequest } from './bodyLimit.ts';
export { InFlight } from './inFlight.ts';
export { requestIds, currentRequestId } from './requestContext.ts';

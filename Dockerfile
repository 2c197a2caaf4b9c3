# syntax=docker/dockerfile:1
# sqlbackup-bot: one process serves Slack (HTTP mode) and Teams on $PORT.
# Build:  docker build -t sqlbackup-bot .
# Run:    docker run --env-file .env -p 3000:3000 sqlbackup-bot
# Several replicas: give each the same REDIS_URL (see README, "Running several replicas").

# --- dependencies: production packages only, resolved from the lockfile -----------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime: sources + production node_modules, unprivileged -------------------------
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    DOTENV_CONFIG_QUIET=true
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
# .dockerignore keeps tests, benches, .git, .env and local node_modules out of this copy.
COPY --chown=node:node . .
USER node
EXPOSE 3000
# Alive = answers /healthz. Uses node's fetch: the slim image has no curl.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1 (not npm or the tsx CLI) so SIGTERM reaches the bot's graceful shutdown.
CMD ["node", "--import", "tsx", "bot/main.ts"]

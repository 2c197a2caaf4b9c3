# syntax=docker/dockerfile:1
# sqlbackup-bot: one process serves Slack (HTTP mode) and Teams on $PORT.
# Build:  docker build -t sqlbackup-bot .
# Run:    docker run --env-file .env -p 3000:3000 sqlbackup-bot
# Several replicas: give each the same REDIS_URL (see README, "Running several replicas").

# --- build: every package (TypeScript is a development one), compile into dist/ ------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would compile before the sources are here; the build runs below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bot ./bot
COPY intents ./intents
COPY catalog ./catalog
COPY cli ./cli
# The build's second step: the validated catalog snapshot (dist/catalog/snapshot.json).
COPY scripts/write-catalog-snapshot.mjs ./scripts/
RUN npm run build

# --- deps: production packages only, resolved from the lockfile ---------------------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# No tsx, no TypeScript, no Agents Playground; --ignore-scripts: no `prepare` without a compiler.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --- runtime: compiled JavaScript + the catalog's YAML + production node_modules, unprivileged
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    DOTENV_CONFIG_QUIET=true
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node catalog/entries ./catalog/entries
# Entries name knowledge items (see:); without them the catalog does not load, and the
# snapshot, keyed by the hash of both folders, would never match.
COPY --chown=node:node catalog/knowledge ./catalog/knowledge
COPY --chown=node:node bin ./bin
USER node
EXPOSE 3000
# Alive = answers /healthz. Uses node's fetch: the slim image has no curl.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1 (not npm) so SIGTERM reaches the bot's graceful shutdown.
CMD ["node", "dist/bot/main.js"]

# syntax=docker/dockerfile:1.7
# Boardroom app image: `docker build -t boardroom .` (used by docker-compose.shards.yml).

# --- build: full dependency tree, type-check, build the web client -------------------------------
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The image must not ship code that does not type-check; the web bundle is built when the client exists.
RUN npx tsc --noEmit -p tsconfig.json \
 && npm run build:web --if-present \
 && mkdir -p web/dist

# --- deps: production dependencies only (tsx is one: the server runs TypeScript directly) ---------
FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime: slim, non-root ----------------------------------------------------------------------
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    STORAGE=postgres
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/src ./src
COPY --from=build --chown=node:node /app/bin ./bin
COPY --from=build --chown=node:node /app/migrations ./migrations
COPY --from=build --chown=node:node /app/web/dist ./web/dist
# `boardroom <command>` on the PATH, for `docker compose run app1 boardroom where <teamId>`.
RUN printf '#!/bin/sh\nexec node /app/bin/boardroom.js "$@"\n' > /usr/local/bin/boardroom \
 && chmod 0755 /usr/local/bin/boardroom
USER node
EXPOSE 3000
# node:20-slim has no curl; Node's own fetch checks liveness.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# One process (no npm/npx wrapper) so SIGTERM from `docker stop` reaches the server's graceful shutdown.
CMD ["node", "--import", "tsx", "src/main.ts"]

# The API, on the embedded SQLite store (EVENT_STORE=sqlite, the default) or on EventStoreDB
# (EVENT_STORE=eventstoredb; see docker-compose.yml). better-sqlite3 compiles from source, hence the
# toolchain; the read models are SQLite files on either store.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY scripts scripts
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 TIMELINE_DB=/data/timeline.db SEED_FILE=/app/data/seed.ndjson
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
COPY data/seed.ndjson data/seed.ndjson
VOLUME /data
EXPOSE 3000
CMD ["node", "dist/api/main.js"]

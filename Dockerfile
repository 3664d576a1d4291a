# The portal's image: built here once, then started read-only as an unprivileged user. The start never builds
# (BUILD_ON_START=0): the build is in the image. docs/deployment.md ("Container") shows how to run it;
# tests/unit/container/ checks the points below and runs the final stage's CMD, read-only and unprivileged, in CI.
#
# Node is the version package.json pins (the `node` devDependency, 24.21.0 in package-lock.json); a test fails when the
# tags below and the lockfile disagree.

# 1. Build: every dependency (dev ones included), the site (astro build) and its search index (pagefind).
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
ENV ASTRO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies only, from the same lockfile. (npm still installs the few dev tools a production package
# names as optional peers, e.g. better-auth's vitest and drizzle-kit: 31 of 387 packages; nothing runs them.)
FROM node:24.21.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund

# 3. What runs: the built site, the server's sources and scripts, production dependencies. Owned by root, so the user
# the portal runs as cannot change them; it writes only to /var/lib/hotro (data, key) and /tmp.
FROM node:24.21.0-bookworm-slim AS runtime
WORKDIR /app
# BUILD_ON_START=0: the start never builds (the build is in the image, and /app is read-only).
ENV NODE_ENV=production BUILD_ON_START=0 HOST=0.0.0.0 PORT=4321 DATA_DIR=/var/lib/hotro/data KEY_FILE=/var/lib/hotro/keys/intake.key BACKUP_DIR=/var/lib/hotro/backups
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/dist ./dist
COPY --from=build /app/src ./src
COPY --from=build /app/scripts ./scripts
RUN mkdir -p /var/lib/hotro/data /var/lib/hotro/keys /var/lib/hotro/backups \
  && chown -R node:node /var/lib/hotro \
  && chmod -R 0700 /var/lib/hotro
USER node
VOLUME ["/var/lib/hotro/data", "/var/lib/hotro/keys"]
EXPOSE 4321
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4321) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself, not npm: SIGTERM reaches the server, which finishes requests in flight and closes the database.
CMD ["node", "scripts/start.ts"]

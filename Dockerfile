# syntax=docker/dockerfile:1
#
# One image for every AlphaNest component: the command picks it.
#   docker build -t alphanest .
#   docker run alphanest serve gateway      (the default; also: serve mcp, serve arbitrage, serve agents, migrate)
# Node runs the TypeScript sources directly (type stripping), so there is no compile stage: the build stage only
# installs the production dependencies, and the runtime stage copies them beside the sources.
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only. No install scripts: none of them needs one (package.json's allowScripts allows only
# the `node` devDependency's, which the image does not install: the base image is the Node 24 it would bring).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    ENV=production \
    HOST=0.0.0.0 \
    DATA_DIR=/var/lib/alphanest \
    LOGGING_FORMAT=json
# A dedicated user that owns nothing but DATA_DIR (the solc cache of the on-chain module, never keys in production)
# and the folder of Node's compile cache (below).
RUN groupadd --system --gid 10001 alphanest \
 && useradd --system --uid 10001 --gid alphanest --home-dir /var/lib/alphanest --shell /usr/sbin/nologin alphanest \
 && mkdir -p /var/lib/alphanest /var/cache/alphanest \
 && chown alphanest:alphanest /var/lib/alphanest /var/cache/alphanest
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
# What a node reads at run time: the sources and migrations, the agents' pipelines and replay corpus, the README
# and docs/ that onboarding.help answers from, and the labelled chat phrasings the local planner's classifier learns from.
COPY package.json README.md ./
COPY bin ./bin
COPY src ./src
COPY config ./config
COPY docs ./docs
COPY datasets/replay.jsonl ./datasets/replay.jsonl
COPY datasets/chat-routing-holdout.jsonl datasets/chat-routing-holdout-2.jsonl datasets/chat-routing-holdout-3.jsonl \
  datasets/chat-routing-holdout-4.jsonl datasets/chat-routing-holdout-5.jsonl datasets/chat-routing-holdout-6.jsonl \
  datasets/chat-routing-holdout-7.jsonl datasets/chat-routing-holdout-8.jsonl datasets/chat-routing-holdout-9.jsonl \
  datasets/chat-routing-holdout-10.jsonl ./datasets/
# The dashboard's sources, built here (esbuild and Preact are production dependencies) so `serve dashboard` finds its
# build cached in dashboard/dist instead of building into memory on every start.
COPY dashboard/src ./dashboard/src
COPY dashboard/tsconfig.json ./dashboard/tsconfig.json
RUN node src/modules/dashboard/buildCli.ts
USER alphanest
# Node's compile cache (src/core/moduleLoading.ts) keeps the stripped and compiled sources, so a start or a command
# skips compiling them again: node_modules is root's, so it lives where the user may write, outside the DATA_DIR
# volume, which would hide it. It is filled here, by importing the platform, the runtime and the CLI's commands
# (nothing runs), so a node whose root filesystem is read-only (deploy/kubernetes) starts from it too.
ENV NODE_COMPILE_CACHE=/var/cache/alphanest
RUN node --input-type=module -e "await import('./src/runtime/node.ts'); await import('./src/runtime/components.ts'); await import('./src/cli/commands.ts')"
VOLUME ["/var/lib/alphanest"]
EXPOSE 8000 8001 8002 8003
# /health answers 200 while the database is reachable (healthy or degraded), 503 when it is not. Components other
# than the gateway listen elsewhere: set HEALTHCHECK_PORT to MCP_PORT or ARBITRAGE_PORT for them, and for the agents
# worker to AGENTS_HEALTH_PORT (its probes are served only when that is set; deploy/compose.yaml uses 8003).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HEALTHCHECK_PORT ?? process.env.PORT ?? 8000}/health`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# `serve gateway` and `serve mcp` run WORKERS processes on their port (default one per core with ENV=production and
# PostgreSQL, Redis and RabbitMQ configured). The default counts the cores the host offers, not a CPU quota: set
# WORKERS to the container's CPU limit (deploy/kubernetes does, from limits.cpu).
ENTRYPOINT ["node", "bin/alphanest.js"]
CMD ["serve", "gateway"]

# One image for every component; docker-compose.yml picks the component per service.
FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY platform ./platform
COPY legacy-estate ./legacy-estate
COPY subgraphs ./subgraphs
COPY gateway ./gateway
COPY schema ./schema
COPY bin ./bin
COPY web ./web
# The examples the explorer offers are the README's.
COPY README.md ./
# Built now, as root: the running container cannot write to /app.
RUN node bin/build-web.ts
USER node
# Run it under an init that forwards signals (docker-compose sets `init: true`; `docker run --init`):
# on SIGTERM node drains in-flight requests for up to SHUTDOWN_TIMEOUT_MS and exits 0.
ENTRYPOINT ["node", "bin/start.ts"]

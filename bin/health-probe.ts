// `node bin/health-probe.ts <url>`: exit 0 if the URL answers 2xx, 1 otherwise. The container
// healthcheck (the image has no curl): docker-compose probes each service's /health/ready with it.
const url = process.argv[2];
if (!url) {
  console.error('Usage: node bin/health-probe.ts <url>');
  process.exit(2);
}
const response = await fetch(url).catch(() => undefined);
process.exit(response?.ok ? 0 : 1);

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { Config } from '../platform/config/index.ts';
import type { RouteHandler } from '../platform/http/index.ts';
import { loadExamples } from '../schema/examples.ts';
import { buildCatalogue, CatalogueError, type CatalogueSources } from '../schema/catalogue/catalogue.ts';
import { renderCataloguePage } from '../schema/catalogue/catalogue-page.ts';
import { ensureWebBundle } from '../web/build.ts';
import type { Page } from '../web/pages.ts';

/**
 * The pages the gateway serves beside the API, all from the bundle built at start: the
 * agent workspace, the explorer and the API catalogue (each when configured), and the
 * settings the pages read. A page may
 * load only what this origin serves: the Content-Security-Policy says so to the browser, so
 * even a dependency that tried to reach a CDN would be stopped.
 */

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // GraphiQL's editor sets inline styles and adds style elements of its own.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const CONTENT_TYPES = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', json: 'application/json; charset=utf-8' } as const;

/** Sends a page or asset with the headers every one of them carries. */
export function sendPage(response: ServerResponse, kind: keyof typeof CONTENT_TYPES, body: string | Buffer, etag?: string): void {
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[kind],
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
    ...(etag ? { etag: `"${etag}"` } : {}),
  });
  response.end(body);
}

/** `GET /<page>` and its bundle at `/web/<page>.js` and `/web/<page>.css`, read once at start. */
function pageRoutes(dir: string, stamp: string, page: Page, path: string): Record<string, RouteHandler> {
  const html = readFileSync(join(dir, `${page}.html`));
  const script = readFileSync(join(dir, `${page}.js`));
  const style = readFileSync(join(dir, `${page}.css`));
  return {
    [`GET ${path}`]: (_request, response) => sendPage(response, 'html', html, stamp),
    [`GET /web/${page}.js`]: (_request, response) => sendPage(response, 'js', script, stamp),
    [`GET /web/${page}.css`]: (_request, response) => sendPage(response, 'css', style, stamp),
  };
}

/**
 * `/catalogue` and `/catalogue.json`, built once. A subgraph without its metadata fails the
 * catalogue's own test; a gateway started all the same answers 503 naming what is missing,
 * rather than refusing to serve the API over a documentation gap.
 */
function catalogueRoutes(sources: CatalogueSources): Record<string, RouteHandler> {
  try {
    const catalogue = buildCatalogue(sources);
    const page = renderCataloguePage(catalogue);
    const json = JSON.stringify(catalogue, null, 2);
    return {
      'GET /catalogue': (_request, response) => sendPage(response, 'html', page),
      'GET /catalogue.json': (_request, response) => sendPage(response, 'json', json),
    };
  } catch (error) {
    if (!(error instanceof CatalogueError)) throw error;
    const body = JSON.stringify({ error: 'The API catalogue is incomplete.', problems: error.problems });
    const unavailable: RouteHandler = (_request, response) => {
      response.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(body);
    };
    return { 'GET /catalogue': unavailable, 'GET /catalogue.json': unavailable };
  }
}

/** Builds the bundle if missing or stale, then returns the pages' routes for the gateway's server. */
export interface WebPageOptions {
  /** What the catalogue is built from; default the one list of subgraphs and schema/CHANGELOG.md. */
  readonly catalogue?: CatalogueSources;
}

export async function webPageRoutes(config: Config, options: WebPageOptions = {}): Promise<Record<string, RouteHandler>> {
  const { dir, stamp } = await ensureWebBundle();
  const settings = JSON.stringify({ devSignIn: config.web.devSignIn });
  const routes: Record<string, RouteHandler> = {
    // Always served: the workspace is only a client of the API, holding nothing of its own.
    ...pageRoutes(dir, stamp, 'workspace', '/workspace'),
    'GET /web/settings.json': (_request, response) => sendPage(response, 'json', settings),
  };
  if (config.web.catalogue) Object.assign(routes, catalogueRoutes(options.catalogue ?? {}));
  if (config.web.explorer) {
    const examples = JSON.stringify(loadExamples());
    Object.assign(routes, pageRoutes(dir, stamp, 'explorer', '/explorer'), {
      'GET /explorer/examples.json': ((_request, response) => sendPage(response, 'json', examples)) satisfies RouteHandler,
    });
  }
  return routes;
}

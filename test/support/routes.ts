/**
 * Every route the app serves, read from Fastify's own route tree, so that a sweep over "every
 * form" or "every API write" takes in the routes added after it was written.
 */
import type { FastifyInstance } from 'fastify';

export type Route = { method: string; url: string };

/**
 * Parses `printRoutes({ commonPrefix: false })`: one node per line, four columns of tree drawing
 * per level, the node's path segment, then its methods in brackets.
 */
export function routeInventory(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const pathAt: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const node = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!node) continue;
    const depth = (node[1] ?? '').length / 4;
    const url = (depth === 0 ? '' : (pathAt[depth - 1] ?? '')) + (node[2] ?? '');
    pathAt[depth] = url;
    for (const method of (node[3] ?? '').split(', ').filter(Boolean)) routes.push({ method, url });
  }
  if (routes.length === 0) throw new Error('no route read from printRoutes: has its format changed?');
  return routes;
}

/** The routes a browser form can post to: every write outside the API. */
export const formRoutes = (app: FastifyInstance): Route[] =>
  routeInventory(app).filter((r) => !['GET', 'HEAD'].includes(r.method) && !r.url.startsWith('/api/'));

/** The API's writes: every POST, PUT, PATCH and DELETE under /api/v1. */
export const apiWriteRoutes = (app: FastifyInstance): Route[] =>
  routeInventory(app).filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.url.startsWith('/api/'));

/** The URL with each `:param` replaced by `value(name, url)`. */
export const fillParams = (url: string, value: (name: string, url: string) => string): string =>
  url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(value(name, url)));

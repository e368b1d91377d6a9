/**
 * The emulator's route table. `api` routes need a bearer token and are subject to injected faults;
 * `token` and `control` routes are exempt from faults unless a fault names them; `public` routes
 * (download links, shared links) need no token, as Box's download host needs none.
 */

import type { Handler, PublicHandler } from './context';

export type Route =
  | {
      method: string;
      pattern: string;
      access: 'api';
      handler: Handler;
      /** The handler reads the body itself from `req.stream` (uploads of any size); `req.body` stays empty. */
      streaming?: boolean;
    }
  | {
      method: string;
      pattern: string;
      access: 'token' | 'public' | 'control';
      handler: PublicHandler;
      /** As above. */
      streaming?: boolean;
    };

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
}

export type RouteMatch =
  { route: Route; params: Record<string, string> } | { route: undefined; methodMismatch: boolean };

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.routes = routes.map((route) => {
      const names: string[] = [];
      const source = route.pattern
        .split(/(:[a-z_]+)/)
        .map((part) => {
          if (part.startsWith(':')) {
            names.push(part.slice(1));
            return '([^/]+)';
          }
          return part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
        })
        .join('');
      return { route, regex: new RegExp(`^${source}$`), names };
    });
  }

  /** First route whose pattern and method match; literal routes must come before templated ones. */
  match(method: string, path: string): RouteMatch {
    let methodMismatch = false;
    for (const { route, regex, names } of this.routes) {
      const found = regex.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      let params: Record<string, string>;
      try {
        params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
      } catch {
        continue;
      }
      return { route, params };
    }
    return { route: undefined, methodMismatch };
  }
}

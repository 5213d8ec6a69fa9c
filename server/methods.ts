import type { NextFunction, Request, Response } from 'express';
import { CORS } from '../app/utils/http.server';
import { isApiPath, sendError } from './error-page';

/**
 * Methods, before the app sees them. OPTIONS is answered here, without a body, for every path
 * (Remix would run the loader for it: the whole 9.9 MB export). Methods the app serves pass on;
 * anything else (TRACE, CONNECT, WebDAV verbs) gets 405 with Allow — `new Request()` refuses
 * TRACE and CONNECT, which used to surface as a 500 with a stack.
 */
const SERVED = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** What a path accepts, for Allow (the API's by operation, pages take forms). */
export function allowedMethods(pathname: string): string {
  if (/^\/api\/v1\/counselling\/appointments\/?$/.test(pathname)) return 'POST, OPTIONS';
  if (/^\/api\/v1\/counselling\/appointments\/[^/]+$/.test(pathname)) return 'GET, HEAD, DELETE, OPTIONS';
  if (/^\/api\/v1\/provider\/referrals\/[^/]+\/status\/?$/.test(pathname)) return 'POST, OPTIONS';
  if (isApiPath(pathname)) return 'GET, HEAD, OPTIONS';
  return 'GET, HEAD, POST, OPTIONS';
}

export function methodGuard() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'OPTIONS') {
      const allow = allowedMethods(req.path);
      res.setHeader('Allow', allow);
      // The open API is readable from any site (preflight included); pages aren't.
      if (isApiPath(req.path)) for (const [key, value] of Object.entries(CORS)) res.setHeader(key, value);
      res.status(204).end();
      return;
    }
    if (!SERVED.has(req.method)) {
      void sendError(req, res, 405, { allow: allowedMethods(req.path) }).catch(next);
      return;
    }
    next();
  };
}

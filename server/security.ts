import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * The security baseline every response gets: a nonce-based CSP (Remix's inline
 * scripts carry the nonce; nothing else may run), the usual hardening headers, HSTS
 * over HTTPS, and a same-origin check on every state-changing request.
 */

export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // 'strict-dynamic' lets the nonce'd module scripts load their chunks.
    'script-src': [`'nonce-${nonce}'`, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", ...(options.dev ? ["'unsafe-inline'"] : [])],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(options.dev ? ['ws:'] : [])],
    'form-action': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

export function securityHeaders(options: { dev: boolean; production?: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = createNonce();
    res.locals.cspNonce = nonce;
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce, options));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()',
    );
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    // Over HTTPS, and always in production (it runs behind HTTPS even when the proxy
    // doesn't say so); on plain HTTP in development it would be ignored and misleading.
    if (req.secure || options.production)
      res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
    res.removeHeader('X-Powered-By');
    next();
  };
}

/** The origin this request was addressed to, as a browser would write it. */
export function ownOrigin(req: Pick<Request, 'protocol' | 'get'>, publicUrl?: string): string {
  if (publicUrl) return new URL(publicUrl).origin;
  return `${req.protocol}://${req.get('host') ?? ''}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request whose Origin is not ours (CSRF defence in depth on
 * top of SameSite cookies). Browsers send Origin on every cross-site POST; clients
 * without one (curl, server-to-server API calls) carry no ambient cookies to abuse.
 * `Origin: null` (sandboxed frames, some redirects) counts as foreign.
 */
export function isForeignOrigin(method: string, origin: string | undefined, own: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (origin === undefined) return false;
  return origin !== own;
}

export function originCheck(options: { publicUrl?: string }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isForeignOrigin(req.method, req.get('origin'), ownOrigin(req, options.publicUrl))) {
      res.status(403).type('application/problem+json').json({
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: 'Cross-origin request refused',
      });
      return;
    }
    next();
  };
}

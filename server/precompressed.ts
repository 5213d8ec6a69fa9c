import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/**
 * Serves the `.br`/`.gz` files `scripts/precompress.mjs` wrote next to the fingerprinted
 * assets at build time (issue 19), by the request's Accept-Encoding, with a year's immutable
 * caching. What has no precompressed file (fonts, tiny files) falls through to express.static.
 * The files are listed once at start: no file system look-up per request.
 */
export function precompressedAssets(assetsDir: string) {
  const available = new Map<string, { br: boolean; gz: boolean }>();
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (!/\.(br|gz)$/.test(name)) {
        const br = existsSync(`${file}.br`);
        const gz = existsSync(`${file}.gz`);
        if (br || gz)
          available.set(`/${path.relative(assetsDir, file).split(path.sep).join('/')}`, { br, gz });
      }
    }
  };
  walk(assetsDir);

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const found = available.get(req.path);
    if (!found) return next();
    const accepted = acceptedEncodings(req.get('accept-encoding') ?? '');
    const encoding = found.br && accepted.has('br') ? 'br' : found.gz && accepted.has('gzip') ? 'gzip' : null;
    res.vary('Accept-Encoding');
    if (!encoding) return next();
    res.type(path.extname(req.path));
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    if (SUBRESOURCE.test(req.path)) for (const header of DOCUMENT_ONLY) res.removeHeader(header);
    // Immutable: never revalidated, so no validators (nor ranges, for a compressed body).
    res.sendFile(
      `${req.path.slice(1)}.${encoding === 'br' ? 'br' : 'gz'}`,
      { root: assetsDir, cacheControl: false, etag: false, lastModified: false, acceptRanges: false },
      (error) => {
        if (error) next(error);
      },
    );
  };
}

/**
 * A script or a stylesheet is never rendered as a document, and these policies apply to
 * documents only: on every asset they were ~0.5 kB of headers each (issue 19; HTTP/1.1 sends
 * them uncompressed). `X-Content-Type-Options` stays (it guards how scripts and styles are
 * read), `Referrer-Policy` too (a stylesheet's font requests follow it). An SVG can be opened
 * as a document and keeps them all.
 */
const SUBRESOURCE = /\.(js|css)$/;
const DOCUMENT_ONLY = [
  'Content-Security-Policy',
  'Permissions-Policy',
  'X-Frame-Options',
  'Cross-Origin-Opener-Policy',
];

/** The encodings a client takes (`q=0` refuses one). */
export function acceptedEncodings(header: string): Set<string> {
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

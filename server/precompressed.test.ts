import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings, precompressedAssets } from './precompressed';

describe('precompressed assets', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ww-precompressed-'));
  const js = 'export const a = "Wegweiser";\n'.repeat(50);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(50)}</svg>`;
  let base = '';
  let close = () => {};

  beforeAll(async () => {
    mkdirSync(path.join(dir, 'x'));
    writeFileSync(path.join(dir, 'x', 'app-1234.js'), js);
    writeFileSync(path.join(dir, 'x', 'app-1234.js.br'), brotliCompressSync(js));
    writeFileSync(path.join(dir, 'x', 'app-1234.js.gz'), gzipSync(js));
    writeFileSync(path.join(dir, 'font.woff2'), 'font');
    writeFileSync(path.join(dir, 'icon.svg'), svg);
    writeFileSync(path.join(dir, 'icon.svg.br'), brotliCompressSync(svg));
    const app = express();
    // As server/security.ts does for every response.
    app.use((_req, res, next) => {
      res.setHeader('Content-Security-Policy', "default-src 'self'");
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
      next();
    });
    app.use('/assets', precompressedAssets(dir));
    app.use('/assets', express.static(dir));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/assets`;
    close = () => server.close();
  });
  afterAll(() => {
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the brotli file to a client that takes it, gzip to one that takes only gzip', async () => {
    // fetch decodes the body: the same text arrives either way.
    const br = await fetch(`${base}/x/app-1234.js`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toContain('javascript');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    expect(await br.text()).toBe(js);
    const gz = await fetch(`${base}/x/app-1234.js`, { headers: { 'Accept-Encoding': 'gzip, br;q=0' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(js);
  });

  it('sends the plain file to a client without either, and what has no precompressed file as it is', async () => {
    const plain = await fetch(`${base}/x/app-1234.js`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(js);
    const font = await fetch(`${base}/font.woff2`, { headers: { 'Accept-Encoding': 'br' } });
    expect(font.headers.get('content-encoding')).toBeNull();
    expect(await font.text()).toBe('font');
  });

  it('leaves the document-only policies and validators off scripts and styles, not off an SVG', async () => {
    const script = await fetch(`${base}/x/app-1234.js`, { headers: { 'Accept-Encoding': 'br' } });
    expect(script.headers.get('content-security-policy')).toBeNull();
    expect(script.headers.get('x-frame-options')).toBeNull();
    expect(script.headers.get('etag')).toBeNull();
    expect(script.headers.get('last-modified')).toBeNull();
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(script.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const image = await fetch(`${base}/icon.svg`, { headers: { 'Accept-Encoding': 'br' } });
    expect(image.headers.get('content-encoding')).toBe('br');
    expect(image.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(image.headers.get('x-frame-options')).toBe('DENY');
  });

  it('reads Accept-Encoding with q=0 as a refusal', () => {
    expect([...acceptedEncodings('gzip, deflate, br;q=0')]).toEqual(['gzip', 'deflate']);
    expect([...acceptedEncodings('BR;q=0.5')]).toEqual(['br']);
  });
});

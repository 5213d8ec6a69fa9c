// Pre-compresses the client build once (issue 19): brotli at its highest level (11) and gzip
// at 9 next to every text asset, so the server sends `.br`/`.gz` files instead of compressing
// each request at level 6. woff2 fonts are brotli inside already: nothing to gain there.
//   node scripts/precompress.mjs [build/client]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(js|css|svg|json|txt|map)$/;

export function precompress(dir) {
  let files = 0;
  let raw = 0;
  let br = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const file = path.join(d, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (TEXT.test(name)) {
        const data = readFileSync(file);
        const brotli = brotliCompressSync(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        });
        // Only where it pays: a tiny file is sent as it is.
        if (brotli.length >= data.length) continue;
        writeFileSync(`${file}.br`, brotli);
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
        files++;
        raw += data.length;
        br += brotli.length;
      }
    }
  };
  walk(dir);
  return { files, raw, br };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'build/client';
  const { files, raw, br } = precompress(dir);
  process.stdout.write(
    `precompressed ${files} files in ${dir}: ${Math.round(raw / 1024)} kB → ${Math.round(br / 1024)} kB brotli\n`,
  );
}

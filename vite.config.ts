import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';
import tsconfigPaths from 'vite-tsconfig-paths';
import { kernPurge } from './scripts/kern-purge';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

const FRAMEWORK =
  /\/node_modules\/(react|react-dom|scheduler|@remix-run\/[a-z-]+|react-router|react-router-dom|turbo-stream|i18next|react-i18next)\//;
const SHELL =
  /\/app\/(i18n\.ts|utils\/(inline-translations|nonce|intl|format|meta|localized)\.tsx?|components\/(route-focus|error-page|localized-link|rich-text)\.tsx)$/;

export default defineConfig(({ command, isSsrBuild }) => ({
  server: { port: 3000 },
  // Only the KERN rules the portal uses (scripts/kern-purge.ts); the development server keeps
  // them all, so a class just written works before the next build.
  css: command === 'build' ? { postcss: { plugins: [kernPurge(process.cwd())] } } : {},
  build: {
    target: 'es2022',
    rollupOptions: {
      output: {
        // Fewer, larger files for what every page loads (issue 19): React, Remix and i18next
        // in one chunk, and the small modules of the page frame in another, instead of some
        // twenty files of a few hundred bytes each — every request has ~1 kB of headers, and
        // small files compress worse.
        // The browser's build only: the server's is one file.
        manualChunks: isSsrBuild
          ? undefined
          : (id: string) => {
              if (FRAMEWORK.test(id)) return 'framework';
              if (SHELL.test(id)) return 'shell';
              return undefined;
            },
      },
    },
  },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
  ],
}));

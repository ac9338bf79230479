import { defineConfig, type Plugin } from 'vite';

/**
 * The policy the page runs under. Browser mode and Electron also send it as a header; the meta copy keeps a
 * page opened any other way just as strict. Only in the build: the dev server injects inline styles.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

function cspMeta(): Plugin {
  return {
    name: 'mortar-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  // Relative, so the same files load from http://127.0.0.1 and from Electron's custom protocol.
  base: './',
  plugins: [cspMeta()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or data: URLs for code, whatever size an asset is.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
    // Loaded from the local disk or loopback, never over a slow link: one chunk is the simplest thing.
    chunkSizeWarningLimit: 900,
  },
});

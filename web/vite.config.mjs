import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const THEME = '#4338ca';

/**
 * The service worker (Workbox, generated at build time): it precaches the app shell so a reload while
 * offline still opens the app, and answers navigations to app routes with index.html. It never
 * answers the API, the socket, health/metrics, or the server-rendered landing page at `/`.
 */
const pwa = VitePWA({
  registerType: 'autoUpdate',
  // An external /registerSW.js: the Content-Security-Policy allows no inline script.
  injectRegister: 'script',
  // The icons are precached by the glob below; listing them again would only duplicate entries.
  includeManifestIcons: false,
  manifest: {
    name: 'Boardroom',
    short_name: 'Boardroom',
    description: 'A real-time collaborative Kanban board for your team.',
    start_url: '/app',
    scope: '/',
    display: 'standalone',
    theme_color: THEME,
    background_color: '#f1f5f9',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,png,svg}'],
    // No directory index: otherwise the precache answers `/` with index.html and hides the landing page.
    directoryIndex: '',
    navigateFallback: '/index.html',
    navigateFallbackDenylist: [/^\/$/, /^\/(api|ws|healthz|readyz|metrics|assets|icons)(\/|$)/, /^\/[^/]+\.[a-z]+$/i],
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
  },
});

// The browser app. Built to web/dist and served by the Express app (src/adapters/http/web).
// Plain JS (not TS) so dependency-cruiser resolves vite through package exports.
// JSX is compiled by Vite's built-in transform (automatic runtime); no React plugin is needed for a build.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [tailwindcss(), pwa],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server reads the manifest to link the built stylesheet from the server-rendered landing page.
    manifest: true,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // Libraries mark modules "use client" for React Server Components; meaningless in a client bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/ws': { target: 'ws://localhost:3000', ws: true },
    },
  },
});

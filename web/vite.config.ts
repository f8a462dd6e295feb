import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The C++ server serves web/dist at "/" with an SPA fallback and the JSON API
// under /api/v1 on the same origin. During `npm run dev` the API is proxied to
// a locally running server (override with TUOYU_API, e.g. http://127.0.0.1:9090).
export default defineConfig({
  plugins: [vue()],
  base: '/',
  define: {
    // vue-i18n bundler feature flags: Composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': {
        target: process.env.TUOYU_API || 'http://127.0.0.1:8080',
        changeOrigin: false,
      },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
})

import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // `npm run dev -w dashboard` next to `npm start`: API calls go to the running server.
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` } },
  // The ECharts chunk is large by nature; timings of SvelteKit's own write step are noise in `npm start` output.
  build: { chunkSizeWarningLimit: 800, rolldownOptions: { checks: { pluginTimings: false } } },
});

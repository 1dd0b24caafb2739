// The dashboard is a single-page app: SvelteKit builds static files (adapter-static) and the Fastify server serves them,
// answering every page address with index.html so that the client router takes over.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// scripts/build-dashboard.mjs builds into a folder of its own and then swaps it in, so a server serving the old build
// never sees a half-written one.
const out = process.env.DASHBOARD_OUT ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: out, assets: out, fallback: 'index.html', strict: true }),
  },
};

export default config;

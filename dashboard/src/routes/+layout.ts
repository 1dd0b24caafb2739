// A single-page app: pages render in the browser and fetch their data from /api.
export const ssr = false;
export const prerender = false;

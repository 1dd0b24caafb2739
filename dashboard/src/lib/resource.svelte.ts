/**
 * One API answer a page shows, refetched whenever its address changes: the data, whether it is loading, and the error
 * to show (401 sends the user to log in). Created in a component's script, where effects may run.
 */
import { ApiError, describeError, getJson } from './api';
import { toLogin } from './session.svelte';

export class Resource<T> {
  data = $state<T | null>(null);
  loading = $state(true);
  error = $state<string | null>(null);

  /** `path` returns the API address to read, or null to wait. */
  constructor(path: () => string | null) {
    $effect(() => {
      const address = path();
      if (address === null) return;
      let current = true;
      this.loading = true;
      this.error = null;
      getJson<T>(address)
        .then((data) => {
          if (current) this.data = data;
        })
        .catch((e: unknown) => {
          if (!current) return;
          if (e instanceof ApiError && e.status === 401) return void toLogin();
          this.error = describeError(e);
        })
        .finally(() => {
          if (current) this.loading = false;
        });
      // TRICKY: an answer to an address that has changed since must not overwrite the newer one.
      return () => {
        current = false;
      };
    });
  }
}

/** An API address with the given query parameters, leaving out empty ones. */
export function apiPath(path: string, params: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

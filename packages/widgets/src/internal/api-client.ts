import type { ActivityResponse, Problem, SearchResponse, SuggestResponse } from '@sociale-kaart/schema';

export type { ActivityResponse, Problem, SearchHit, SearchResponse, SuggestResponse } from '@sociale-kaart/schema';

/** Why a request to the search API failed, in a shape the error state can explain. */
export class ApiError extends Error {
  constructor(
    readonly kind: 'network' | 'http' | 'config',
    readonly status: number,
    readonly problem: Problem | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** Resolves after `ms`, or rejects with an AbortError when the signal fires first: the debounce. */
export function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('aborted', 'AbortError'));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      },
      { once: true },
    );
  });
}

/**
 * A small client for the Sociale Kaart search API (`api` is the /v1 base URL).
 * No cookies are sent and nothing is stored.
 */
export class ApiClient {
  readonly base: string;

  constructor(base: string) {
    this.base = base.replace(/\/+$/, '');
  }

  search(params: URLSearchParams, signal: AbortSignal): Promise<SearchResponse> {
    return this.get<SearchResponse>(`/search?${params}`, signal);
  }

  suggest(q: string, lang: string, signal: AbortSignal): Promise<SuggestResponse> {
    return this.get<SuggestResponse>(`/suggest?${new URLSearchParams({ q, lang })}`, signal);
  }

  activity(id: string, lang: string, signal: AbortSignal): Promise<ActivityResponse> {
    return this.get<ActivityResponse>(`/activities/${encodeURIComponent(id)}?${new URLSearchParams({ lang })}`, signal);
  }

  private async get<T>(path: string, signal: AbortSignal): Promise<T> {
    if (!this.base) throw new ApiError('config', 0, null, 'no api base URL');
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { signal, credentials: 'omit', headers: { accept: 'application/json' } });
    } catch (e) {
      if (isAbort(e)) throw e;
      throw new ApiError('network', 0, null, e instanceof Error ? e.message : String(e));
    }
    if (!res.ok) {
      let problem: Problem | null = null;
      try {
        const body: unknown = await res.json();
        if (body && typeof body === 'object' && 'title' in body) problem = body as Problem;
      } catch {
        // not problem+json: the status says enough
      }
      throw new ApiError('http', res.status, problem, problem?.title ?? res.statusText);
    }
    return (await res.json()) as T;
  }
}

import type { ActivityResponse, Problem, SearchResponse, SuggestResponse } from '@sociale-kaart/schema';
import type { ReferralCreated, ReferralProblem, ReferralRequest, ReferralStatusView, TaxonomyResponse } from './referral.js';

export type { ActivityResponse, Problem, SearchHit, SearchResponse, SuggestResponse } from '@sociale-kaart/schema';

/** Why a request to the search API failed, in a shape the error state can explain. */
export class ApiError extends Error {
  constructor(
    readonly kind: 'network' | 'http' | 'config',
    readonly status: number,
    readonly problem: (Problem & Partial<ReferralProblem>) | null,
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

  taxonomy(lang: string, signal: AbortSignal): Promise<TaxonomyResponse> {
    return this.get<TaxonomyResponse>(`/taxonomy?${new URLSearchParams({ lang })}`, signal);
  }

  referralStatus(id: string, token: string, signal: AbortSignal): Promise<ReferralStatusView> {
    return this.get<ReferralStatusView>(`/referrals/${encodeURIComponent(id)}?${new URLSearchParams({ token })}`, signal);
  }

  /**
   * POST /referrals with the referrer token as `Authorization: Bearer`. Resolves with the 202
   * answer; anything else rejects with an ApiError whose `problem` is the relay's problem+json
   * (401: the token was refused; 422 and 502 carry the provider's contact).
   */
  async createReferral(body: ReferralRequest, referrerToken: string): Promise<ReferralCreated> {
    if (!this.base) throw new ApiError('config', 0, null, 'no api base URL');
    let res: Response;
    try {
      res = await fetch(`${this.base}/referrals`, {
        method: 'POST',
        credentials: 'omit',
        cache: 'no-store',
        headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${referrerToken}` },
        body: JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError('network', 0, null, e instanceof Error ? e.message : String(e));
    }
    if (res.status !== 202) throw await httpError(res);
    return (await res.json()) as ReferralCreated;
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
    if (!res.ok) throw await httpError(res);
    return (await res.json()) as T;
  }
}

async function httpError(res: Response): Promise<ApiError> {
  let problem: ReferralProblem | null = null;
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object' && 'title' in body) problem = body as ReferralProblem;
  } catch {
    // not problem+json: the status says enough
  }
  return new ApiError('http', res.status, problem, problem?.title ?? res.statusText);
}

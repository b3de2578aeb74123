/** Prometheus metrics: requests by route and status, a latency histogram, Meilisearch errors. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

export class Metrics {
  private requests = new Map<string, number>();
  private latency = new Map<string, Histogram>();
  private meiliErrors = new Map<string, number>();
  private nearby = new Map<string, number>();
  private sources: Array<() => string[]> = [];

  /** More lines for /metrics, read at each scrape (the parts that own their counters). */
  addSource(lines: () => string[]): void {
    this.sources.push(lines);
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method}\u0000${route}\u0000${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hKey = `${method}\u0000${route}`;
    let h = this.latency.get(hKey);
    if (!h) this.latency.set(hKey, (h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) h.counts[i]!++;
    });
    h.sum += seconds;
    h.count++;
  }

  meiliError(kind: string): void {
    this.meiliErrors.set(kind, (this.meiliErrors.get(kind) ?? 0) + 1);
  }

  searchStrategy(strategy: string): void {
    this.nearby.set(strategy, (this.nearby.get(strategy) ?? 0) + 1);
  }

  render(): string {
    const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
    const lines: string[] = [];
    lines.push('# HELP sk_http_requests_total HTTP requests by method, route and status.', '# TYPE sk_http_requests_total counter');
    for (const [key, n] of this.requests) {
      const [method, route, status] = key.split('\u0000') as [string, string, string];
      lines.push(`sk_http_requests_total{method="${esc(method)}",route="${esc(route)}",status="${status}"} ${n}`);
    }
    lines.push('# HELP sk_http_request_duration_seconds Request latency by method and route.', '# TYPE sk_http_request_duration_seconds histogram');
    for (const [key, h] of this.latency) {
      const [method, route] = key.split('\u0000') as [string, string];
      const labels = `method="${esc(method)}",route="${esc(route)}"`;
      BUCKETS.forEach((b, i) => lines.push(`sk_http_request_duration_seconds_bucket{${labels},le="${b}"} ${h.counts[i]}`));
      lines.push(`sk_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      lines.push(`sk_http_request_duration_seconds_sum{${labels}} ${h.sum}`);
      lines.push(`sk_http_request_duration_seconds_count{${labels}} ${h.count}`);
    }
    lines.push('# HELP sk_meilisearch_errors_total Failed Meilisearch calls by kind (timeout, connection, status).', '# TYPE sk_meilisearch_errors_total counter');
    for (const kind of ['timeout', 'connection', 'status']) lines.push(`sk_meilisearch_errors_total{kind="${kind}"} ${this.meiliErrors.get(kind) ?? 0}`);
    lines.push('# HELP sk_search_strategy_total Searches by execution strategy.', '# TYPE sk_search_strategy_total counter');
    for (const [s, n] of this.nearby) lines.push(`sk_search_strategy_total{strategy="${esc(s)}"} ${n}`);
    for (const source of this.sources) lines.push(...source());
    return `${lines.join('\n')}\n`;
  }
}

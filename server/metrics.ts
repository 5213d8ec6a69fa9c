/**
 * Prometheus metrics in the text exposition format (version 0.0.4), kept by hand: a few
 * counters and one histogram need no client library. Requests are labelled by route pattern
 * (`/angebote/:id`), never by path: a path holds ids and tokens, and unbounded label values
 * would grow the registry with every fuzzed URL.
 */

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();
  private readonly counters = new Map<string, number>();

  observeRequest(method: string, route: string, status: number, seconds: number) {
    const key = `${method}\u0000${route}\u0000${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const dkey = `${method}\u0000${route}`;
    let h = this.durations.get(dkey);
    if (!h) {
      h = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(dkey, h);
    }
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) h.buckets[i]! += 1;
    h.sum += seconds;
    h.count += 1;
  }

  /** A counter by name and one label set (`shed`, reason="queue_full"). */
  increment(name: string, labels: Record<string, string> = {}) {
    const key = `${name}${formatLabels(labels)}`;
    this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
  }

  counter(name: string, labels: Record<string, string> = {}): number {
    return this.counters.get(`${name}${formatLabels(labels)}`) ?? 0;
  }

  /** The request metrics and counters; gauges are appended by the caller. */
  render(): string[] {
    const out: string[] = [
      '# HELP wegweiser_http_requests_total HTTP requests answered, by method, route pattern and status.',
      '# TYPE wegweiser_http_requests_total counter',
    ];
    for (const [key, n] of this.requests) {
      const [method, route, status] = key.split('\u0000') as [string, string, string];
      out.push(`wegweiser_http_requests_total${formatLabels({ method, route, status })} ${n}`);
    }
    out.push(
      '# HELP wegweiser_http_request_duration_seconds Time until the response was complete, by method and route pattern.',
      '# TYPE wegweiser_http_request_duration_seconds histogram',
    );
    for (const [key, h] of this.durations) {
      const [method, route] = key.split('\u0000') as [string, string];
      BUCKETS.forEach((le, i) => {
        out.push(
          `wegweiser_http_request_duration_seconds_bucket${formatLabels({ method, route, le: String(le) })} ${h.buckets[i]}`,
        );
      });
      out.push(
        `wegweiser_http_request_duration_seconds_bucket${formatLabels({ method, route, le: '+Inf' })} ${h.count}`,
      );
      out.push(`wegweiser_http_request_duration_seconds_sum${formatLabels({ method, route })} ${h.sum}`);
      out.push(`wegweiser_http_request_duration_seconds_count${formatLabels({ method, route })} ${h.count}`);
    }
    const names = new Set([...this.counters.keys()].map((k) => k.replace(/\{.*$/, '')));
    for (const name of names) {
      out.push(`# TYPE ${name} counter`);
      for (const [key, n] of this.counters) if (key.replace(/\{.*$/, '') === name) out.push(`${key} ${n}`);
    }
    return out;
  }
}

export function formatLabels(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`)
    .join(',')}}`;
}

export function gauge(name: string, help: string, samples: [Record<string, string>, number][]): string[] {
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} gauge`,
    ...samples.map(([labels, value]) => `${name}${formatLabels(labels)} ${value}`),
  ];
}

interface RouteEntry {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
}

interface Pattern {
  pattern: string;
  segments: string[];
}

/**
 * Matches a path to the app's route pattern, from the Remix build's route manifest: the
 * pattern with the most static segments wins, as in Remix's own ranking.
 */
export class RoutePatterns {
  private readonly patterns: Pattern[];

  constructor(routes: Record<string, RouteEntry | undefined>) {
    const full = (route: RouteEntry): string[] => {
      const parent = route.parentId ? routes[route.parentId] : undefined;
      const own = (route.path ?? '').split('/').filter(Boolean);
      return parent ? [...full(parent), ...own] : own;
    };
    const seen = new Set<string>();
    this.patterns = [];
    for (const route of Object.values(routes)) {
      if (!route || (!route.path && !route.index)) continue;
      const segments = full(route);
      const pattern = `/${segments.join('/')}`;
      if (seen.has(pattern)) continue;
      seen.add(pattern);
      this.patterns.push({ pattern, segments });
    }
  }

  match(pathname: string): string {
    const parts = pathname.split('/').filter(Boolean);
    let best: { pattern: string; score: number } | null = null;
    for (const { pattern, segments } of this.patterns) {
      const score = scoreMatch(segments, parts);
      if (score !== null && (!best || score > best.score)) best = { pattern, score };
    }
    return best?.pattern ?? '(unmatched)';
  }
}

function scoreMatch(segments: string[], parts: string[]): number | null {
  let score = 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment === '*') return score;
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.startsWith(':')) score += 2;
    else if (segment.toLowerCase() === decodeURIComponentSafe(part).toLowerCase()) score += 3;
    else return null;
  }
  return parts.length === segments.length ? score + 1 : null;
}

function decodeURIComponentSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

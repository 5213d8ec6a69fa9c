import { describe, expect, it } from 'vitest';
import { Metrics, RoutePatterns } from './metrics';
import { metricsAllowed } from './operations';

const routes = {
  root: { id: 'root', path: '' },
  'routes/_index': { id: 'routes/_index', parentId: 'root', index: true },
  'routes/angebote.$id': { id: 'routes/angebote.$id', parentId: 'root', path: 'angebote/:id' },
  'routes/angebote._index': { id: 'routes/angebote._index', parentId: 'root', path: 'angebote', index: true },
  'routes/termin.$token.verschieben': {
    id: 'routes/termin.$token.verschieben',
    parentId: 'root',
    path: 'termin/:token/verschieben',
  },
  'routes/api.v1.export.offers[.xml]': {
    id: 'routes/api.v1.export.offers[.xml]',
    parentId: 'root',
    path: 'api/v1/export/offers.xml',
  },
  'routes/api.v1.offers.$id': { id: 'routes/api.v1.offers.$id', parentId: 'root', path: 'api/v1/offers/:id' },
  'routes/$': { id: 'routes/$', parentId: 'root', path: '*' },
};

describe('route patterns', () => {
  const patterns = new RoutePatterns(routes);
  it('labels requests by the route that serves them, never by ids or tokens', () => {
    expect(patterns.match('/angebote/1220')).toBe('/angebote/:id');
    expect(patterns.match('/angebote')).toBe('/angebote');
    expect(patterns.match('/')).toBe('/');
    expect(patterns.match('/termin/Zk3mQ9vX2bLr7TtW/verschieben')).toBe('/termin/:token/verschieben');
    expect(patterns.match('/api/v1/export/offers.xml')).toBe('/api/v1/export/offers.xml');
    // Static segments win over parameters.
    expect(patterns.match('/api/v1/offers/7')).toBe('/api/v1/offers/:id');
    // Every unknown path shares one label: a fuzzer can't grow the registry.
    expect(patterns.match('/wp-admin/setup.php')).toBe('/*');
    expect(patterns.match('/angebote/1/2/3')).toBe('/*');
  });
});

describe('metrics', () => {
  it('renders counters and a histogram in the Prometheus text format', () => {
    const metrics = new Metrics();
    metrics.observeRequest('GET', '/angebote/:id', 200, 0.03);
    metrics.observeRequest('GET', '/angebote/:id', 503, 4.2);
    metrics.increment('wegweiser_http_shed_total', { reason: 'deadline' });
    const text = metrics.render().join('\n');
    expect(text).toContain(
      'wegweiser_http_requests_total{method="GET",route="/angebote/:id",status="200"} 1',
    );
    expect(text).toContain(
      'wegweiser_http_requests_total{method="GET",route="/angebote/:id",status="503"} 1',
    );
    expect(text).toContain(
      'wegweiser_http_request_duration_seconds_bucket{method="GET",route="/angebote/:id",le="0.05"} 1',
    );
    expect(text).toContain(
      'wegweiser_http_request_duration_seconds_bucket{method="GET",route="/angebote/:id",le="+Inf"} 2',
    );
    expect(text).toContain(
      'wegweiser_http_request_duration_seconds_count{method="GET",route="/angebote/:id"} 2',
    );
    expect(text).toContain('wegweiser_http_shed_total{reason="deadline"} 1');
  });

  it('are only for operators: a bearer token when configured, else loopback without a proxy', () => {
    const socket = (remoteAddress: string) => ({ remoteAddress }) as never;
    expect(metricsAllowed({ headers: {}, socket: socket('127.0.0.1') }, undefined)).toBe(true);
    expect(metricsAllowed({ headers: {}, socket: socket('::1') }, undefined)).toBe(true);
    expect(metricsAllowed({ headers: {}, socket: socket('203.0.113.9') }, undefined)).toBe(false);
    expect(
      metricsAllowed(
        { headers: { 'x-forwarded-for': '203.0.113.9' }, socket: socket('127.0.0.1') },
        undefined,
      ),
    ).toBe(false);
    const token = 'a-long-metrics-token-0123456789';
    expect(metricsAllowed({ headers: {}, socket: socket('127.0.0.1') }, token)).toBe(false);
    expect(
      metricsAllowed({ headers: { authorization: `Bearer ${token}` }, socket: socket('203.0.113.9') }, token),
    ).toBe(true);
    expect(
      metricsAllowed({ headers: { authorization: 'Bearer wrong' }, socket: socket('127.0.0.1') }, token),
    ).toBe(false);
  });
});

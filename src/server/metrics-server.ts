/**
 * The listener of METRICS_PORT: `GET /metrics` in Prometheus text and nothing else, so the
 * scraper's port can stay private while the main port faces clients (docs/operations.md#metrics).
 */
import { createServer, type Server } from 'node:http';
import type { Metrics } from '../ops/metrics.js';

export function createMetricsServer(metrics: Metrics): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
}

import { createDemoConnector } from '../../connectors/demo';
import type { Connector, FetchLike } from '../../connectors/types';
import { AppError } from '../lib/errors';
import type { ConnectorFactory, ConnectorTarget } from '../services/context';

const MAX_CACHED = 500;

/**
 * The one place that knows which connector serves which network. Connectors are kept per account
 * (and credentials), so their rate-limit state and sessions outlive a single poll.
 */
export function connectorFactory(opts: { fetch: FetchLike; demoBaseUrl: string }): ConnectorFactory {
  const cache = new Map<string, Connector>();
  const build = (network: Parameters<ConnectorFactory>[0], target: ConnectorTarget): Connector => {
    switch (network) {
      case 'demo':
        return createDemoConnector({ baseUrl: target.baseUrl ?? opts.demoBaseUrl, fetch: opts.fetch });
      default:
        throw new AppError('unavailable', `No connector for ${network} yet`);
    }
  };
  return (network, target) => {
    const key = `${network}|${target.key}|${target.baseUrl ?? ''}|${JSON.stringify(target.credentials)}`;
    let connector = cache.get(key);
    if (!connector) {
      connector = build(network, target);
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
      cache.set(key, connector);
    }
    return connector;
  };
}

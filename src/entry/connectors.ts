import { createDemoConnector } from '../../connectors/demo';
import type { FetchLike } from '../../connectors/types';
import { AppError } from '../lib/errors';
import type { ConnectorFactory } from '../services/context';

/** The one place that knows which connector serves which network. */
export function connectorFactory(opts: { fetch: FetchLike; demoBaseUrl: string }): ConnectorFactory {
  return (network, target) => {
    switch (network) {
      case 'demo':
        return createDemoConnector({ baseUrl: target.baseUrl ?? opts.demoBaseUrl, fetch: opts.fetch });
      default:
        throw new AppError('unavailable', `No connector for ${network} yet`);
    }
  };
}

import { createBlueskyConnector } from '../../connectors/bluesky';
import { createDemoConnector } from '../../connectors/demo';
import { createHackerNewsConnector } from '../../connectors/hackernews';
import { createMastodonConnector } from '../../connectors/mastodon';
import { createRedditConnector } from '../../connectors/reddit';
import { createRssConnector } from '../../connectors/rss';
import type { Connector, ConnectorOptions, FetchLike, NetworkId } from '../../connectors/types';
import { createXConnector } from '../../connectors/x';
import { AppError } from '../lib/errors';
import type { ConnectorFactory, ConnectorTarget } from '../services/context';

const MAX_CACHED = 500;

export interface ConnectorFactoryOptions {
  fetch: FetchLike;
  demoBaseUrl: string;
  /** Reddit asks every client to say who it is. */
  userAgent: string;
  /** Resolves feed hostnames so RSS refuses private addresses (Node injects DNS; Workers cannot). */
  resolveHost?: (hostname: string) => Promise<string[]>;
  /** Feeds' fetch, whose connections reach public addresses only (Node: public-only-fetch.ts). */
  feedFetch?: FetchLike;
}

/**
 * The one place that knows which connector serves which network. Connectors are kept per account
 * (and credentials), so their rate-limit state and sessions outlive a single poll.
 */
export function connectorFactory(opts: ConnectorFactoryOptions): ConnectorFactory {
  const cache = new Map<string, Connector>();
  const build = (network: NetworkId, target: ConnectorTarget): Connector => {
    const common: ConnectorOptions = {
      fetch: opts.fetch,
      baseUrl: target.baseUrl,
      ...(target.onCredentialsRotated ? { onCredentialsRotated: target.onCredentialsRotated } : {}),
    };
    switch (network) {
      case 'demo':
        return createDemoConnector({ baseUrl: target.baseUrl ?? opts.demoBaseUrl, fetch: opts.fetch });
      case 'x':
        return createXConnector({ ...common, bearerToken: target.credentials?.bearerToken });
      case 'reddit':
        return createRedditConnector({ ...common, userAgent: opts.userAgent });
      case 'mastodon':
        if (!target.baseUrl)
          throw new AppError('validation_failed', 'A Mastodon account needs the URL of its instance');
        return createMastodonConnector({
          ...common,
          maxCharacters: target.postingLimits?.maxCharacters,
          charactersReservedPerUrl: target.postingLimits?.charactersReservedPerUrl,
        });
      case 'bluesky':
        return createBlueskyConnector(common);
      case 'rss':
        return createRssConnector({
          ...common,
          fetch: opts.feedFetch ?? opts.fetch,
          ...(opts.resolveHost ? { resolveHost: opts.resolveHost } : {}),
        });
      case 'hackernews':
        return createHackerNewsConnector(common);
    }
  };
  return (network, target) => {
    const limits = target.postingLimits;
    const key = `${network}|${target.key}|${target.baseUrl ?? ''}|${JSON.stringify(target.credentials)}|${limits ? `${limits.maxCharacters}/${limits.charactersReservedPerUrl}` : ''}`;
    let connector = cache.get(key);
    if (!connector) {
      connector = build(network, target);
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
      cache.set(key, connector);
    }
    return connector;
  };
}

import { connectAccountInput } from '../../services/admin/connect-account';
import type { MessageKey } from './i18n';

/** Every network an account or listener can be on, in the services' own order. */
export const networkOptions = connectAccountInput.shape.network.options;
export type NetworkId = (typeof networkOptions)[number];

/** The credential keys each network's connector reads (see connectors/<network>/index.ts). */
export interface CredentialKey {
  name: string;
  /** Tokens and passwords are typed into password fields; ids are not secret. */
  secret: boolean;
}

export const credentialKeys: { network: NetworkId; keys: CredentialKey[]; help: MessageKey }[] = [
  {
    network: 'x',
    keys: [
      { name: 'bearerToken', secret: true },
      { name: 'accessToken', secret: true },
      { name: 'refreshToken', secret: true },
      { name: 'clientId', secret: false },
      { name: 'clientSecret', secret: true },
    ],
    help: 'account.credHelp.x',
  },
  { network: 'mastodon', keys: [{ name: 'accessToken', secret: true }], help: 'account.credHelp.mastodon' },
  {
    network: 'bluesky',
    keys: [
      { name: 'identifier', secret: false },
      { name: 'appPassword', secret: true },
    ],
    help: 'account.credHelp.bluesky',
  },
  {
    network: 'reddit',
    keys: [
      { name: 'accessToken', secret: true },
      { name: 'refreshToken', secret: true },
      { name: 'clientId', secret: false },
      { name: 'clientSecret', secret: true },
    ],
    help: 'account.credHelp.reddit',
  },
];

export const networksWithoutCredentials: NetworkId[] = ['rss', 'hackernews', 'demo'];

/** The form field of one credential key: one set per network, so switching network never mixes them. */
export const credentialField = (network: string, key: string) => `cred_${network}_${key}`;

/** What a listener query looks like on each network: examples (never translated) and what they do. */
export const querySyntax: Record<NetworkId, { examples: [string, MessageKey][]; note: MessageKey }> = {
  x: {
    examples: [
      ['lumo hub', 'syntax.x.words'],
      ['"lumo hub"', 'syntax.x.phrase'],
      ['lumo OR lumoapp', 'syntax.x.or'],
      ['@lumo', 'syntax.x.mention'],
      ['from:lumo', 'syntax.x.from'],
      ['-is:retweet', 'syntax.x.retweet'],
      ['lang:fr', 'syntax.x.lang'],
      ['-promo', 'syntax.x.minus'],
    ],
    note: 'syntax.x.note',
  },
  mastodon: {
    examples: [
      ['#lumo', 'syntax.mastodon.hashtag'],
      ['lumo hub', 'syntax.mastodon.words'],
    ],
    note: 'syntax.mastodon.note',
  },
  bluesky: {
    examples: [
      ['lumo hub', 'syntax.bluesky.words'],
      ['"lumo hub"', 'syntax.bluesky.phrase'],
      ['from:lumo.bsky.social', 'syntax.bluesky.from'],
      ['lang:fr', 'syntax.bluesky.lang'],
    ],
    note: 'syntax.bluesky.note',
  },
  reddit: {
    examples: [
      ['lumo hub', 'syntax.reddit.words'],
      ['title:refund', 'syntax.reddit.title'],
      ['author:lumo_support', 'syntax.reddit.author'],
    ],
    note: 'syntax.reddit.note',
  },
  rss: {
    examples: [
      ['lumo, hub', 'syntax.rss.words'],
      ['"lumo hub"', 'syntax.rss.phrase'],
    ],
    note: 'syntax.rss.note',
  },
  hackernews: {
    examples: [
      ['lumo', 'syntax.hackernews.words'],
      ['"lumo hub"', 'syntax.hackernews.phrase'],
    ],
    note: 'syntax.hackernews.note',
  },
  demo: {
    examples: [
      ['@lumo', 'syntax.x.mention'],
      ['parcel', 'syntax.demo.words'],
    ],
    note: 'syntax.demo.note',
  },
};

/** Poll intervals offered; X bills every read, so a slower pace is a real saving there. */
export const intervalChoices = [60, 120, 300, 600, 900, 1800, 3600, 21_600, 43_200, 86_400];

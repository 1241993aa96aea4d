/**
 * Mastodon payloads shaped like the examples of docs.joinmastodon.org (entities/Status,
 * entities/Account, entities/Notification): every documented field the connector does not read is
 * present too, so the schemas are tested against the real shape rather than a minimal one.
 */

export interface AccountFixture {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  locked: boolean;
  bot: boolean;
  discoverable: boolean;
  group: boolean;
  created_at: string;
  note: string;
  url: string;
  avatar: string;
  avatar_static: string;
  header: string;
  header_static: string;
  followers_count: number;
  following_count: number;
  statuses_count: number;
  last_status_at: string;
  emojis: unknown[];
  fields: unknown[];
}

export interface StatusFixture {
  id: string;
  created_at: string;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  sensitive: boolean;
  spoiler_text: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  language: string | null;
  uri: string;
  url: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  edited_at: string | null;
  favourited: boolean;
  reblogged: boolean;
  muted: boolean;
  bookmarked: boolean;
  content: string;
  filtered: unknown[];
  reblog: StatusFixture | null;
  application: { name: string; website: string | null } | null;
  account: AccountFixture;
  media_attachments: unknown[];
  mentions: Array<{ id: string; username: string; url: string; acct: string }>;
  tags: Array<{ name: string; url: string }>;
  emojis: unknown[];
  card: unknown;
  poll: unknown;
}

export interface NotificationFixture {
  id: string;
  type: string;
  group_key: string;
  created_at: string;
  account: AccountFixture;
  status?: StatusFixture | null;
}

export function accountFixture(host: string, partial: Partial<AccountFixture> = {}): AccountFixture {
  const username = partial.username ?? 'Gargron';
  return {
    id: '1',
    username,
    acct: username,
    display_name: 'Eugen 💀',
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    created_at: '2016-03-16T00:00:00.000Z',
    note: '<p>Founder, CEO and lead developer <span class="h-card"><a href="https://mastodon.social/@Mastodon" class="u-url mention">@<span>Mastodon</span></a></span>, Germany.</p>',
    url: `https://${host}/@${username}`,
    avatar: `https://files.${host}/accounts/avatars/000/000/001/original/dc4286ceb8fab734.jpg`,
    avatar_static: `https://files.${host}/accounts/avatars/000/000/001/original/dc4286ceb8fab734.jpg`,
    header: `https://files.${host}/accounts/headers/000/000/001/original/3b91c9965d00888b.jpeg`,
    header_static: `https://files.${host}/accounts/headers/000/000/001/original/3b91c9965d00888b.jpeg`,
    followers_count: 322930,
    following_count: 459,
    statuses_count: 61323,
    last_status_at: '2019-12-10',
    emojis: [],
    fields: [],
    ...partial,
  };
}

export function statusFixture(host: string, partial: Partial<StatusFixture> & { id: string }): StatusFixture {
  const account = partial.account ?? accountFixture(host);
  return {
    created_at: '2019-12-08T03:48:33.901Z',
    in_reply_to_id: null,
    in_reply_to_account_id: null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: 'en',
    uri: `https://${host}/users/${account.username}/statuses/${partial.id}`,
    url: `https://${host}/@${account.username}/${partial.id}`,
    replies_count: 5,
    reblogs_count: 6,
    favourites_count: 11,
    edited_at: null,
    favourited: false,
    reblogged: false,
    muted: false,
    bookmarked: false,
    content:
      '<p>&quot;I lost my inheritance with one wrong digit on my sort code&quot;</p><p><a href="https://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code" rel="nofollow noopener noreferrer" target="_blank"><span class="invisible">https://www.</span><span class="ellipsis">theguardian.com/money/2019/dec</span><span class="invisible">/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code</span></a></p>',
    filtered: [],
    reblog: null,
    application: { name: 'Web', website: null },
    account,
    media_attachments: [],
    mentions: [],
    tags: [],
    emojis: [],
    card: null,
    poll: null,
    ...partial,
  };
}

/** Sources Passerelle reads but cannot post to: the inbox says so before anyone writes. */
export const readOnlyNetworks: ReadonlySet<string> = new Set(['rss', 'hackernews']);

/** Networks where each server sets its own post length (a Mastodon instance): read per account. */
export const serverLimitedNetworks: ReadonlySet<string> = new Set(['mastodon']);

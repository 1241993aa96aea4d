/** Sources Passerelle reads but cannot post to: the inbox says so before anyone writes. */
export const readOnlyNetworks: ReadonlySet<string> = new Set(['rss', 'hackernews']);

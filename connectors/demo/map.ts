import type { Mention } from '../types';
import type { RawPost } from './raw';

/**
 * The human page of the demo network: the API base without its `/api` suffix, so
 * `http://host/demo-network/api` gives `http://host/demo-network`.
 */
export function demoPublicPageUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/api$/, '');
}

export function demoPostUrl(publicPageUrl: string, postId: string): string {
  return `${publicPageUrl}#post-${encodeURIComponent(postId)}`;
}

export function mapDemoPost(post: RawPost, publicPageUrl: string): Mention {
  return {
    externalId: post.id,
    text: post.text,
    url: demoPostUrl(publicPageUrl, post.id),
    language: post.lang,
    createdAt: new Date(post.createdAt).toISOString(),
    author: {
      externalId: post.author.id,
      handle: post.author.handle,
      displayName: post.author.name === '' ? null : post.author.name,
      url: null,
      followers: post.author.followers,
    },
    inReplyToId: post.inReplyTo,
    threadRootId: post.threadRoot,
    raw: post,
  };
}

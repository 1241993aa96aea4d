import type { Database } from '../../src/db/client';
import type { seededRandom } from './harness';
import { type Networks, publishPost, queueReplyTo, replyNetworks, type Workspace } from './networks';

/** Customer posts for the listeners and approved replies for the outbox, spread over the networks. */
export function createWorkload(
  db: Database['db'],
  ws: Workspace,
  net: Networks,
  random: ReturnType<typeof seededRandom>,
) {
  const published = new Set<string>();
  let replyCount = 0;
  return {
    published,
    /** `at`: when the replies become due, in the workers' clock. */
    add: async (posts: number, answers: number, at: Date) => {
      for (let i = 0; i < posts; i++) {
        const network = replyNetworks[random.int(0, 3)]!;
        published.add(publishPost(net, network, `polled question ${published.size}`).externalId);
      }
      for (let i = 0; i < answers; i++) {
        const network = replyNetworks[replyCount % 4]!;
        const post = publishPost(net, network, `question ${replyCount}`);
        published.add(post.externalId);
        await queueReplyTo(
          db,
          ws,
          network,
          post,
          `Thanks for asking, here is our answer [r${replyCount}]`,
          at,
        );
        replyCount += 1;
      }
    },
  };
}

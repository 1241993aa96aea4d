import { rereadPostingLimits } from '../../services/accounts/read-posting-limits';
import { addChannel, channelInput } from '../../services/admin/add-channel';
import { connectAccount, connectAccountInput } from '../../services/admin/connect-account';
import { createListener, listenerInput } from '../../services/admin/create-listener';
import { listConnections } from '../../services/admin/list-connections';
import { previewListener } from '../../services/admin/preview-listener';
import type { ApiRoute } from './registry';

export const adminRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/admin/connections',
    summary:
      'Accounts, listeners and notification channels with their health (and X read costs); never credentials',
    tag: 'admin',
    roles: 'admin',
    handler: (c) => listConnections(c.get('ctx')),
  },
  {
    method: 'post',
    path: '/admin/accounts',
    summary: "Connect one of the brand's network accounts; credentials are sealed at rest and never returned",
    tag: 'admin',
    roles: 'admin',
    body: connectAccountInput,
    status: 201,
    handler: (c, { body }) => connectAccount(c.get('ctx'), body),
  },
  {
    method: 'post',
    path: '/admin/accounts/:id/posting-limits',
    summary:
      "Read again the limits the account's own server sets (a Mastodon instance's characters per post)",
    tag: 'admin',
    roles: 'admin',
    handler: (c) => rereadPostingLimits(c.get('ctx'), c.req.param('id')!),
  },
  {
    method: 'post',
    path: '/admin/listeners',
    summary: 'Listen for mentions, keywords or hashtags on a network',
    tag: 'admin',
    roles: 'admin',
    body: listenerInput,
    status: 201,
    handler: (c, { body }) => createListener(c.get('ctx'), body),
  },
  {
    method: 'post',
    path: '/admin/listeners/preview',
    summary: 'Run a query once and show what it would ingest, classified, without storing anything',
    tag: 'admin',
    roles: 'admin',
    body: listenerInput,
    handler: (c, { body }) => previewListener(c.get('ctx'), body),
  },
  {
    method: 'post',
    path: '/admin/channels',
    summary: 'Add a notification channel (Slack, Teams, signed webhook) and send it a test message',
    tag: 'admin',
    roles: 'admin',
    body: channelInput,
    status: 201,
    handler: (c, { body }) => addChannel(c.get('ctx'), body),
  },
];

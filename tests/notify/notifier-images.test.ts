import { describe, expect, it } from 'vitest';
import { createHttpNotifier } from '../../src/notify/notifier';

describe('a notification carrying inline images', () => {
  it('reaches a webhook with its HTML and figures but without the base64 pictures', async () => {
    const bodies: Record<string, unknown>[] = [];
    const notifier = createHttpNotifier({
      fetch: async (_url, init) => {
        bodies.push(JSON.parse(String(init?.body)));
        return new Response('ok');
      },
    });
    await notifier.send(
      { kind: 'webhook', target: 'https://hooks.example.test/digest', secret: null },
      {
        id: 'ntf_1',
        subject: 'Weekly report',
        body: 'text',
        link: 'https://passerelle.example.com/reports',
        payload: {
          kind: 'weekly-digest',
          html: '<img src="cid:a@passerelle">',
          images: [{ cid: 'a@passerelle', filename: 'a.png', contentType: 'image/png', content: 'iVBORw0K' }],
        },
      },
    );
    expect(bodies).toEqual([
      {
        id: 'ntf_1',
        subject: 'Weekly report',
        body: 'text',
        link: 'https://passerelle.example.com/reports',
        kind: 'weekly-digest',
        html: '<img src="cid:a@passerelle">',
      },
    ]);
  });
});

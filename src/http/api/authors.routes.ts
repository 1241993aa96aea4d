import { eraseAuthor, eraseAuthorInput } from '../../services/accounts/erase-author';
import type { ApiRoute } from './registry';

export const authorRoutes: ApiRoute[] = [
  {
    method: 'post',
    path: '/admin/authors/erase',
    summary:
      "Erase an author on their request: their profile, their posts' text and their handle in our replies; cases stay",
    tag: 'admin',
    roles: 'admin',
    body: eraseAuthorInput,
    handler: (c, { body }) => eraseAuthor(c.get('ctx'), body),
  },
];

import { CLAIM_KIND_LIST } from '@app/commands';
import { Scope } from '@app/domain';

/** Every write endpoint of the API, with the scope it needs and a body it could accept. */
export const WRITE_ENDPOINTS: { method: 'POST' | 'PUT'; path: string; scope: Scope; body: object }[] = [
  { method: 'POST', path: '/franchises', scope: 'write', body: { id: 'key-test', title: 'Key test' } },
  {
    method: 'POST',
    path: '/sources',
    scope: 'write',
    body: { id: 'key-source', name: 'Key source', publishedOn: '2022-01-01' },
  },
  { method: 'PUT', path: '/sources/article-000/reliability', scope: 'admin', body: { rank: 90 } },
  ...CLAIM_KIND_LIST.map((kind) => ({
    method: 'POST' as const,
    path: `/franchises/balle-perdue/${kind.route}`,
    scope: kind.scope ?? 'write',
    body: { sourceId: 'article-004' },
  })),
];

/** Every read endpoint, on the seeded data. */
export const READ_ENDPOINTS = [
  '/franchises',
  '/franchises/balle-perdue',
  '/franchises/balle-perdue/state',
  '/franchises/balle-perdue/timeline',
  '/franchises/balle-perdue/claims',
  '/franchises/balle-perdue/changes',
  '/franchises/balle-perdue/events',
  '/sources',
  '/sources/article-000',
  '/sources/article-000/claims',
];

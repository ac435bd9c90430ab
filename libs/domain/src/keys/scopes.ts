/**
 * What a key may do: `read` (only asked for when reads are configured to need a key), `write`
 * (sources, franchises, claims), `admin` (source ranks, retractions). Any key may read.
 */
export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

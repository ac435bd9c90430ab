/**
 * What a key may do: `read` (only asked for when reads are configured to need a key), `write`
 * (sources, franchises, claims), `admin` (source ranks, retractions). Each includes the ones
 * before it: an `admin` key also writes, and any key reads.
 */
export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];
